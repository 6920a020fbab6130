#pragma once
// Folders of experiment specs: the shipped ones (the repository's experiments/, installed
// as share/kafka-tuning-workbench/experiments) and the user's own (<workspace>/experiments).

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ktw {

struct ExperimentFile {
    std::filesystem::path file;
    std::string group;       ///< its folder below the root ("diary"); "" for the root itself
    std::string name;        ///< the spec's "name", else the file name without ".json"
    std::string description; ///< the spec's "description"
    std::string error;       ///< why the file cannot be opened (not JSON, ...); empty if fine
};

/// Every *.json file under root, subfolders included (hidden ones left out), ordered by group
/// and then by file name with numbers compared as numbers (v2 before v10). A file that cannot
/// be read or parsed is listed with its error; a missing root gives an empty list.
std::vector<ExperimentFile> list_experiments(const std::filesystem::path& root);

/// A file name (without ".json") for an experiment name: letters, digits, '-', '_' and '.'
/// kept, anything else becomes '-'; "experiment" when nothing is left.
std::string experiment_file_stem(const std::string& name);

/// Writes the spec as <folder>/<stem>.json atomically (write_file_atomically) and returns the
/// path. Throws std::runtime_error naming the file when it cannot be written.
std::filesystem::path save_experiment(const std::filesystem::path& folder, const std::string& stem,
                                      const nlohmann::json& spec);

} // namespace ktw
