#pragma once
// The workspace's run library: one JSON file per run under <workspace>/runs/.

#include "core/record/run_record.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ktw {

struct RunLoadError {
    std::filesystem::path file;
    std::string message;
};

struct RunListing {
    std::vector<RunRecord> runs;      ///< oldest first (by start time, then id)
    std::vector<RunLoadError> errors; ///< unreadable files, skipped
};

class RunStore {
  public:
    explicit RunStore(std::filesystem::path workspace);

    const std::filesystem::path& workspace() const { return workspace_; }
    std::filesystem::path runs_dir() const { return workspace_ / "runs"; }
    std::filesystem::path path_of(const std::string& run_id) const;

    /// Writes the record atomically (temporary file, fsync, rename): a crash leaves either
    /// the old file or the new one, never half of one. Throws std::runtime_error on failure.
    std::filesystem::path save(const RunRecord& record) const;

    /// Reads every run; a corrupt or truncated file is reported in errors, not fatal.
    RunListing load_all() const;

    /// A run given as a file path, a run id, or a unique prefix of one.
    /// Throws std::runtime_error saying what was not found or what is ambiguous.
    RunRecord load(const std::string& reference) const;

    /// Reads one file; throws std::runtime_error naming the file and the problem.
    static RunRecord load_file(const std::filesystem::path& file);

  private:
    std::filesystem::path workspace_;
};

/// $KTW_WORKSPACE, else $XDG_DATA_HOME/kafka-tuning-workbench, else
/// ~/.local/share/kafka-tuning-workbench (the CLI's and the GUI's default workspace).
std::filesystem::path default_workspace();

/// Writes text to path atomically (same directory temporary file, fsync, rename).
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

} // namespace ktw
