#pragma once
// Binds form widgets to spec fields: a widget edit sets its field in the SpecDocument, a
// document change refreshes every widget, validation errors are shown at their field.

#include "gui/editor/spec_document.h"

#include <QPointer>
#include <QString>
#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace ktw::gui {

class FieldBinder : public QObject {
    Q_OBJECT
  public:
    explicit FieldBinder(SpecDocument* doc, QObject* parent = nullptr);

    QSpinBox* intField(const std::string& path, int min, int max, const QString& tip);
    QDoubleSpinBox* numberField(const std::string& path, double min, double max, int decimals,
                                const QString& tip);
    QLineEdit* textField(const std::string& path, const QString& tip);
    QCheckBox* boolField(const std::string& path, const QString& text, const QString& tip);
    QComboBox* choiceField(const std::string& path, const QStringList& choices, const QString& tip);

    /// The field is written only while `when` holds; otherwise its widget is disabled and the
    /// field is removed from the spec (e.g. cluster.brokers only on the embedded cluster).
    void enableWhen(QWidget* field, std::function<bool()> when);

    /// The widget bound to a path, or nullptr.
    QWidget* widgetFor(const std::string& path) const;

  private:
    struct Binding {
        std::string path;
        QPointer<QWidget> widget;
        std::function<void()> refresh;
        std::function<bool()> enabled;
        QString tip;
    };
    Binding& add(const std::string& path, QWidget* w, const QString& tip);
    void refreshAll();
    void showErrors();
    void applyEnabled();

    SpecDocument* doc_;
    std::vector<Binding> bindings_;
    bool applying_ = false;
};

} // namespace ktw::gui
