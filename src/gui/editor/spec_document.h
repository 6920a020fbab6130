#pragma once
// The experiment being edited: the spec JSON as the user gave it, shared by the form, the
// property tables and the JSON text, and its validation (the same checks ktw-cli makes).

#include "core/spec/experiment_spec.h"

#include <QObject>
#include <QTimer>
#include <nlohmann/json.hpp>
#include <vector>

namespace ktw::gui {

/// "producer.properties.linger.ms" -> /producer/properties/linger.ms: inside "properties"
/// and "configs" the rest of the path is one key, dots included.
nlohmann::json::json_pointer spec_pointer(const std::string& path);

class SpecDocument : public QObject {
    Q_OBJECT
  public:
    explicit SpecDocument(QObject* parent = nullptr);

    const nlohmann::json& json() const { return given_; }
    /// Replaces the whole spec (open, preset, JSON text). `origin` is passed on in changed().
    void setJson(const nlohmann::json& spec, QObject* origin = nullptr);
    /// The value at path as given, else the default value, else null.
    nlohmann::json value(const std::string& path) const;
    bool has(const std::string& path) const;
    /// Sets one field; a null value removes it (the default applies again).
    void setValue(const std::string& path, const nlohmann::json& value, QObject* origin = nullptr);

    /// Problems found by the last validation (empty: the spec can run).
    const std::vector<SpecError>& errors() const { return errors_; }
    bool validationPending() const { return validateTimer_.isActive(); }
    /// Validates now (normally done 150 ms after the last change).
    void validateNow();
    /// The parsed spec; only meaningful when errors() is empty and no validation is pending.
    const ExperimentSpec& parsed() const { return parsed_; }

    bool modified() const { return modified_; }
    void setModified(bool m);

  signals:
    void changed(QObject* origin);
    void validated();
    void modifiedChanged(bool modified);

  private:
    void touch(QObject* origin);

    nlohmann::json given_;
    nlohmann::json defaults_;
    std::vector<SpecError> errors_;
    ExperimentSpec parsed_;
    QTimer validateTimer_;
    bool modified_ = false;
};

} // namespace ktw::gui
