#include "gui/editor/spec_document.h"

#include "engine/kafka/client_config.h"
#include "core/sweep/sweep_plan.h"

namespace ktw::gui {

nlohmann::json::json_pointer spec_pointer(const std::string& path) {
    nlohmann::json::json_pointer ptr;
    std::size_t start = 0;
    while (start <= path.size()) {
        const bool last_is_map =
            !ptr.empty() && (ptr.back() == "properties" || ptr.back() == "configs");
        std::size_t dot = last_is_map ? std::string::npos : path.find('.', start);
        ptr /= path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return ptr;
}

SpecDocument::SpecDocument(QObject* parent)
    : QObject(parent), given_(nlohmann::json::object()),
      defaults_(experiment_spec_to_json(ExperimentSpec{})) {
    validateTimer_.setSingleShot(true);
    validateTimer_.setInterval(150);
    connect(&validateTimer_, &QTimer::timeout, this, &SpecDocument::validateNow);
}

void SpecDocument::setJson(const nlohmann::json& spec, QObject* origin) {
    given_ = spec.is_object() ? spec : nlohmann::json::object();
    touch(origin);
}

nlohmann::json SpecDocument::value(const std::string& path) const {
    const auto ptr = spec_pointer(path);
    if (given_.contains(ptr) && !given_.at(ptr).is_null())
        return given_.at(ptr);
    if (defaults_.contains(ptr))
        return defaults_.at(ptr);
    return nullptr;
}

bool SpecDocument::has(const std::string& path) const {
    const auto ptr = spec_pointer(path);
    return given_.contains(ptr) && !given_.at(ptr).is_null();
}

void SpecDocument::setValue(const std::string& path, const nlohmann::json& value, QObject* origin) {
    const auto ptr = spec_pointer(path);
    if (value.is_null()) {
        if (!given_.contains(ptr))
            return;
        auto parent = ptr.parent_pointer();
        given_.at(parent).erase(ptr.back());
        // Leave no empty objects behind ("producer": {"properties": {}}).
        while (!parent.empty() && given_.at(parent).empty()) {
            const auto key = parent.back();
            parent = parent.parent_pointer();
            given_.at(parent).erase(key);
        }
    } else {
        if (given_.contains(ptr) && given_.at(ptr) == value)
            return;
        given_[ptr] = value;
    }
    touch(origin);
}

void SpecDocument::touch(QObject* origin) {
    setModified(true);
    validateTimer_.start();
    emit changed(origin);
}

void SpecDocument::validateNow() {
    validateTimer_.stop();
    SpecParseResult result = parse_experiment_spec(given_);
    errors_ = result.errors;
    if (errors_.empty())
        errors_ = validate_client_properties(result.spec);
    if (errors_.empty() && has_sweep(given_)) // the points' own checks, as ktw-cli sweep
        errors_ = parse_sweep_plan(given_).errors;
    parsed_ = result.spec;
    emit validated();
}

void SpecDocument::setModified(bool m) {
    if (m == modified_)
        return;
    modified_ = m;
    emit modifiedChanged(m);
}

} // namespace ktw::gui
