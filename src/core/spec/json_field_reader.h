#pragma once
// Reads one JSON object field by field, collecting errors that name the field path.
// Every field read is remembered, so whatever is left over is reported as unknown.

#include "core/spec/experiment_spec.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ktw {

class JsonFieldReader {
  public:
    /// object may be null (a missing section): then every field takes its default.
    JsonFieldReader(const nlohmann::json* object, std::string path, std::vector<SpecError>& errors);

    std::string path_of(const std::string& field) const;
    void error(const std::string& field, const std::string& message) const;

    void read(const std::string& field, std::string& out);
    void read(const std::string& field, bool& out);
    /// Whole numbers within [lo, hi].
    void read(const std::string& field, int& out, int64_t lo, int64_t hi);
    void read(const std::string& field, int64_t& out, int64_t lo, int64_t hi);
    void read(const std::string& field, double& out, double lo, double hi);
    /// One of the names in choices (the string form of each enum value).
    template <typename Enum>
    void read_choice(const std::string& field, Enum& out,
                     const std::vector<std::pair<const char*, Enum>>& choices);
    /// An object of key -> string/number/bool, kept as strings (librdkafka's form).
    void read(const std::string& field, PropertyMap& out);
    /// A sub-object for a nested reader, or nullptr if absent (errors if not an object).
    const nlohmann::json* section(const std::string& field);
    /// An array, or nullptr if absent (errors if not an array).
    const nlohmann::json* array(const std::string& field);
    bool has(const std::string& field) const;

    /// Reports every field of the object that was not read.
    void finish();

  private:
    const nlohmann::json* find(const std::string& field);
    const nlohmann::json* object_;
    std::string path_;
    std::vector<SpecError>& errors_;
    std::set<std::string> seen_;
};

template <typename Enum>
void JsonFieldReader::read_choice(const std::string& field, Enum& out,
                                  const std::vector<std::pair<const char*, Enum>>& choices) {
    const nlohmann::json* v = find(field);
    if (!v)
        return;
    std::string allowed;
    for (const auto& [name, value] : choices) {
        if (v->is_string() && v->get<std::string>() == name) {
            out = value;
            return;
        }
        allowed += allowed.empty() ? "" : ", ";
        allowed += name;
    }
    error(field, "is " + v->dump() + "; allowed: " + allowed);
}

} // namespace ktw
