#include "gui/widgets/field_binder.h"
#include "gui/widgets/status_color.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>

namespace ktw::gui {

FieldBinder::FieldBinder(SpecDocument* doc, QObject* parent) : QObject(parent), doc_(doc) {
    connect(doc_, &SpecDocument::changed, this, [this](QObject* origin) {
        if (origin != this)
            refreshAll();
        applyEnabled();
    });
    connect(doc_, &SpecDocument::validated, this, &FieldBinder::showErrors);
}

FieldBinder::Binding& FieldBinder::add(const std::string& path, QWidget* w, const QString& tip) {
    w->setObjectName(QString::fromStdString(path));
    w->setToolTip(tip);
    bindings_.push_back({path, w, {}, {}, tip});
    return bindings_.back();
}

QSpinBox* FieldBinder::intField(const std::string& path, int min, int max, const QString& tip) {
    auto* w = new QSpinBox;
    w->setRange(min, max);
    w->setGroupSeparatorShown(true);
    w->setAccelerated(true);
    auto& b = add(path, w, tip);
    b.refresh = [this, w, path] {
        const auto v = doc_->value(path);
        w->setValue(v.is_number() ? v.get<int>() : 0);
    };
    connect(w, &QSpinBox::valueChanged, this,
            [this, path](int v) { doc_->setValue(path, v, this); });
    b.refresh();
    return w;
}

QDoubleSpinBox* FieldBinder::numberField(const std::string& path, double min, double max,
                                         int decimals, const QString& tip) {
    auto* w = new QDoubleSpinBox;
    w->setRange(min, max);
    w->setDecimals(decimals);
    w->setGroupSeparatorShown(true);
    auto& b = add(path, w, tip);
    b.refresh = [this, w, path] {
        const auto v = doc_->value(path);
        w->setValue(v.is_number() ? v.get<double>() : 0.0);
    };
    connect(w, &QDoubleSpinBox::valueChanged, this, [this, path, decimals](double v) {
        // Whole numbers stay whole in the JSON (messages: 200000, not 200000.0).
        doc_->setValue(path,
                       decimals == 0 ? nlohmann::json(static_cast<int64_t>(v)) : nlohmann::json(v),
                       this);
    });
    b.refresh();
    return w;
}

QLineEdit* FieldBinder::textField(const std::string& path, const QString& tip) {
    auto* w = new QLineEdit;
    auto& b = add(path, w, tip);
    b.refresh = [this, w, path] {
        const auto v = doc_->value(path);
        const QString text = v.is_string() ? QString::fromStdString(v.get<std::string>()) : "";
        if (w->text() != text)
            w->setText(text);
    };
    connect(w, &QLineEdit::textEdited, this, [this, path](const QString& t) {
        doc_->setValue(path, t.isEmpty() ? nlohmann::json() : nlohmann::json(t.toStdString()),
                       this);
    });
    b.refresh();
    return w;
}

QCheckBox* FieldBinder::boolField(const std::string& path, const QString& text,
                                  const QString& tip) {
    auto* w = new QCheckBox(text);
    auto& b = add(path, w, tip);
    b.refresh = [this, w, path] {
        const auto v = doc_->value(path);
        w->setChecked(v.is_boolean() && v.get<bool>());
    };
    connect(w, &QCheckBox::toggled, this,
            [this, path](bool on) { doc_->setValue(path, on, this); });
    b.refresh();
    return w;
}

QComboBox* FieldBinder::choiceField(const std::string& path, const QStringList& choices,
                                    const QString& tip) {
    auto* w = new QComboBox;
    w->addItems(choices);
    auto& b = add(path, w, tip);
    b.refresh = [this, w, path] {
        const auto v = doc_->value(path);
        w->setCurrentText(v.is_string() ? QString::fromStdString(v.get<std::string>()) : "");
    };
    connect(w, &QComboBox::currentTextChanged, this,
            [this, path](const QString& t) { doc_->setValue(path, t.toStdString(), this); });
    b.refresh();
    return w;
}

void FieldBinder::enableWhen(QWidget* field, std::function<bool()> when) {
    for (auto& b : bindings_)
        if (b.widget == field)
            b.enabled = std::move(when);
    applyEnabled();
}

QWidget* FieldBinder::widgetFor(const std::string& path) const {
    for (const auto& b : bindings_)
        if (b.path == path)
            return b.widget;
    return nullptr;
}

void FieldBinder::refreshAll() {
    for (auto& b : bindings_) {
        if (!b.widget)
            continue;
        QSignalBlocker block(b.widget);
        b.refresh();
    }
}

void FieldBinder::applyEnabled() {
    if (applying_)
        return;
    applying_ = true; // removing a field changes the document, which calls us again
    for (auto& b : bindings_) {
        if (!b.widget || !b.enabled)
            continue;
        const bool on = b.enabled();
        b.widget->setEnabled(on);
        if (!on)
            doc_->setValue(b.path, nullptr, this);
    }
    applying_ = false;
}

void FieldBinder::showErrors() {
    for (auto& b : bindings_) {
        if (!b.widget)
            continue;
        QString message;
        for (const auto& e : doc_->errors())
            if (e.path == b.path)
                message += (message.isEmpty() ? "" : "\n") + QString::fromStdString(e.message);
        b.widget->setProperty("invalid", !message.isEmpty());
        // A red frame where the problem is; the message itself in the tooltip and the list.
        b.widget->setStyleSheet(message.isEmpty() ? "" : "border: 2px solid " + status_color_name(Status::Bad) + ";");
        b.widget->setToolTip(message.isEmpty() ? b.tip : b.tip + "\n\nProblem: " + message);
    }
}

} // namespace ktw::gui
