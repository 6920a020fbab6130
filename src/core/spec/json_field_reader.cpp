#include "core/spec/json_field_reader.h"

#include <cmath>
#include <cstdio>

namespace ktw {

JsonFieldReader::JsonFieldReader(const nlohmann::json* object, std::string path,
                                 std::vector<SpecError>& errors)
    : object_(object), path_(std::move(path)), errors_(errors) {
    if (object_ && !object_->is_object()) {
        errors_.push_back({path_, "must be an object, not " + std::string(object_->type_name())});
        object_ = nullptr;
    }
}

std::string JsonFieldReader::path_of(const std::string& field) const {
    return path_.empty() ? field : path_ + "." + field;
}

void JsonFieldReader::error(const std::string& field, const std::string& message) const {
    errors_.push_back({path_of(field), message});
}

bool JsonFieldReader::has(const std::string& field) const {
    return object_ && object_->contains(field) && !(*object_)[field].is_null();
}

const nlohmann::json* JsonFieldReader::find(const std::string& field) {
    seen_.insert(field);
    if (!object_)
        return nullptr;
    auto it = object_->find(field);
    if (it == object_->end() || it->is_null())
        return nullptr;
    return &*it;
}

void JsonFieldReader::read(const std::string& field, std::string& out) {
    if (const auto* v = find(field)) {
        if (v->is_string())
            out = v->get<std::string>();
        else
            error(field, "must be a string, not " + v->dump());
    }
}

void JsonFieldReader::read(const std::string& field, bool& out) {
    if (const auto* v = find(field)) {
        if (v->is_boolean())
            out = v->get<bool>();
        else
            error(field, "must be true or false, not " + v->dump());
    }
}

void JsonFieldReader::read(const std::string& field, int64_t& out, int64_t lo, int64_t hi) {
    const auto* v = find(field);
    if (!v)
        return;
    const bool whole = v->is_number_integer() ||
                       (v->is_number_float() && std::trunc(v->get<double>()) == v->get<double>());
    if (!whole) {
        error(field, "must be a whole number from " + std::to_string(lo) + " to " +
                         std::to_string(hi) + ", not " + v->dump());
        return;
    }
    const double value = v->get<double>();
    if (value < static_cast<double>(lo) || value > static_cast<double>(hi)) {
        error(field,
              "is " + v->dump() + "; allowed: " + std::to_string(lo) + " to " + std::to_string(hi));
        return;
    }
    out = v->is_number_integer() ? v->get<int64_t>() : static_cast<int64_t>(value);
}

void JsonFieldReader::read(const std::string& field, int& out, int64_t lo, int64_t hi) {
    int64_t wide = out;
    read(field, wide, lo, hi);
    out = static_cast<int>(wide);
}

// 1.0 -> "1", 0.5 -> "0.5": ranges read naturally in messages.
static std::string trim_number(double d) {
    if (std::trunc(d) == d && std::fabs(d) < 1e15)
        return std::to_string(static_cast<int64_t>(d));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", d);
    return buf;
}

void JsonFieldReader::read(const std::string& field, double& out, double lo, double hi) {
    const auto* v = find(field);
    if (!v)
        return;
    if (!v->is_number()) {
        error(field, "must be a number from " + trim_number(lo) + " to " + trim_number(hi) +
                         ", not " + v->dump());
        return;
    }
    const double value = v->get<double>();
    if (!(value >= lo && value <= hi)) {
        error(field,
              "is " + v->dump() + "; allowed: " + trim_number(lo) + " to " + trim_number(hi));
        return;
    }
    out = value;
}

void JsonFieldReader::read(const std::string& field, PropertyMap& out) {
    const auto* v = find(field);
    if (!v)
        return;
    if (!v->is_object()) {
        error(field, "must be an object of property names to values, not " + v->dump());
        return;
    }
    for (const auto& [key, value] : v->items()) {
        if (value.is_string())
            out[key] = value.get<std::string>();
        else if (value.is_boolean())
            out[key] = value.get<bool>() ? "true" : "false";
        else if (value.is_number())
            out[key] = value.dump();
        else
            errors_.push_back({path_of(field) + "." + key,
                               "must be a string, number or true/false, not " + value.dump()});
    }
}

const nlohmann::json* JsonFieldReader::array(const std::string& field) {
    const nlohmann::json* v = find(field);
    if (v && !v->is_array()) {
        error(field, "must be an array");
        return nullptr;
    }
    return v;
}

const nlohmann::json* JsonFieldReader::section(const std::string& field) {
    const auto* v = find(field);
    if (v && !v->is_object()) {
        error(field, "must be an object, not " + v->dump());
        return nullptr;
    }
    return v;
}

void JsonFieldReader::finish() {
    if (!object_)
        return;
    for (const auto& [key, value] : object_->items()) {
        if (!seen_.count(key)) {
            std::string known;
            for (const auto& s : seen_)
                known += (known.empty() ? "" : ", ") + s;
            errors_.push_back({path_of(key), "unknown field; known fields here: " + known});
        }
    }
}

} // namespace ktw
