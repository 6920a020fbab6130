#include "gui/editor/client_properties_editor.h"
#include "gui/widgets/status_color.h"

#include "core/spec/experiment_spec.h"
#include "engine/kafka/property_catalog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ktw::gui {
namespace {

const std::vector<std::string> kTunedForAllClients = {
    "security.protocol", "sasl.mechanisms",
    "sasl.username",     "sasl.password",
    "ssl.ca.location",   "ssl.certificate.location",
    "ssl.key.location",  "client.rack",
    "socket.timeout.ms", "debug"};

QString text_of(const nlohmann::json& v) {
    if (v.is_null())
        return {};
    return QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
}

// Numbers and booleans go into the JSON as such, the rest as strings, like a hand-written spec.
nlohmann::json json_of(const PropertyInfo* info, const QString& text) {
    if (info && (info->type == "integer" || info->type == "float")) {
        bool ok = false;
        const qlonglong i = text.toLongLong(&ok);
        if (ok)
            return static_cast<int64_t>(i);
        const double d = text.toDouble(&ok);
        if (ok && info->type == "float")
            return d;
    }
    if (info && info->type == "boolean" && (text == "true" || text == "false"))
        return text == "true";
    return text.toStdString();
}

/// A combo box for properties with a fixed set of values (enums, booleans).
class ChoiceDelegate : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override {
        const QStringList choices = index.data(Qt::UserRole).toStringList();
        if (choices.isEmpty())
            return QStyledItemDelegate::createEditor(parent, option, index);
        auto* box = new QComboBox(parent);
        box->addItem(QString()); // empty: back to the default
        box->addItems(choices);
        box->setEditable(true);
        return box;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override {
        if (auto* box = qobject_cast<QComboBox*>(editor))
            box->setCurrentText(index.data(Qt::EditRole).toString());
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override {
        if (auto* box = qobject_cast<QComboBox*>(editor))
            model->setData(index, box->currentText(), Qt::EditRole);
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }
};

} // namespace

ClientPropertiesEditor::ClientPropertiesEditor(SpecDocument* doc, PropertyRole role,
                                               QWidget* parent)
    : QWidget(parent), doc_(doc), role_(role),
      section_(role == PropertyRole::Producer   ? "producer.properties"
               : role == PropertyRole::Consumer ? "consumer.properties"
                                                : "cluster.properties") {
    search_ = new QLineEdit;
    search_->setPlaceholderText(tr("Search properties and descriptions…"));
    search_->setClearButtonEnabled(true);
    showAll_ = new QCheckBox(tr("All librdkafka properties"));
    showAll_->setToolTip(tr("Off: the properties people tune, and every one set in this spec"));
    table_ = new QTableWidget(0, 4);
    table_->setObjectName(QString::fromStdString(section_));
    table_->setHorizontalHeaderLabels({tr("Property"), tr("Value"), tr("Default"), tr("Range")});
    table_->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Interactive);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setColumnWidth(ValueColumn, 160);
    table_->verticalHeader()->hide();
    table_->setItemDelegateForColumn(ValueColumn, new ChoiceDelegate(table_));
    table_->setEditTriggers(QAbstractItemView::AllEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto* top = new QHBoxLayout;
    top->addWidget(search_, 1);
    top->addWidget(showAll_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(table_);

    connect(search_, &QLineEdit::textChanged, this, &ClientPropertiesEditor::rebuild);
    connect(showAll_, &QCheckBox::toggled, this, &ClientPropertiesEditor::rebuild);
    connect(table_, &QTableWidget::cellChanged, this, &ClientPropertiesEditor::onItemChanged);
    connect(doc_, &SpecDocument::changed, this, [this](QObject* origin) {
        if (origin != this)
            rebuild();
    });
    connect(doc_, &SpecDocument::validated, this, &ClientPropertiesEditor::rebuild);
    rebuild();
}

bool ClientPropertiesEditor::listed(const PropertyInfo& p) const {
    // The spec refuses what the workbench sets itself; builtin.features is read-only.
    if (is_reserved_client_property(p.name) || p.name == "builtin.features")
        return false;
    switch (role_) {
    case PropertyRole::Producer:
        return p.applies_to_producer();
    case PropertyRole::Consumer:
        return p.applies_to_consumer();
    case PropertyRole::AllClients:
        return p.audience == PropertyAudience::Both && !p.topic_level;
    }
    return false;
}

int ClientPropertiesEditor::rowOf(const QString& name) const {
    for (int r = 0; r < table_->rowCount(); ++r)
        if (table_->item(r, NameColumn)->text() == name)
            return r;
    return -1;
}

void ClientPropertiesEditor::rebuild() {
    const QString needle = search_->text().trimmed();
    std::vector<std::string> names;
    auto add = [&](const std::string& n) {
        if (std::find(names.begin(), names.end(), n) == names.end())
            names.push_back(n);
    };
    // Whatever the spec sets comes first, then the tuned ones, then (on demand) the rest.
    const auto props = doc_->value(section_);
    if (props.is_object())
        for (const auto& [k, v] : props.items())
            add(k);
    const auto& tuned = role_ == PropertyRole::Producer   ? tuned_producer_properties()
                        : role_ == PropertyRole::Consumer ? tuned_consumer_properties()
                                                          : kTunedForAllClients;
    for (const auto& n : tuned)
        add(n);
    if (showAll_->isChecked() || !needle.isEmpty())
        for (const auto& p : librdkafka_properties())
            if (listed(p))
                add(p.name);

    std::vector<std::string> shown;
    for (const auto& n : names) {
        const PropertyInfo* info = find_librdkafka_property(n);
        if (!needle.isEmpty()) {
            const bool match =
                QString::fromStdString(n).contains(needle, Qt::CaseInsensitive) ||
                (info &&
                 QString::fromStdString(info->description).contains(needle, Qt::CaseInsensitive));
            if (!match)
                continue;
        }
        shown.push_back(n);
    }

    filling_ = true;
    const int scroll = table_->verticalScrollBar() ? table_->verticalScrollBar()->value() : 0;
    table_->setRowCount(static_cast<int>(shown.size()));
    for (int r = 0; r < static_cast<int>(shown.size()); ++r)
        fillRow(r, find_librdkafka_property(shown[r]), QString::fromStdString(shown[r]));
    table_->verticalScrollBar()->setValue(scroll);
    filling_ = false;
}

void ClientPropertiesEditor::fillRow(int row, const PropertyInfo* info, const QString& name) {
    const std::string path = section_ + "." + name.toStdString();
    const QString value = doc_->has(path) ? text_of(doc_->value(path)) : QString();
    const QString def = info ? QString::fromStdString(info->default_value) : QString();

    QString tip =
        info ? QString::fromStdString(info->description) : tr("Not a librdkafka property");
    if (info)
        tip +=
            tr("\n\nType: %1   Range: %2   Default: %3   Importance: %4")
                .arg(QString::fromStdString(info->type),
                     info->range.empty() ? tr("any") : QString::fromStdString(info->range),
                     def.isEmpty() ? tr("(none)") : def, QString::fromStdString(info->importance));

    QString problem;
    if (!value.isEmpty())
        if (auto err = check_librdkafka_property(name.toStdString(), value.toStdString()))
            problem = QString::fromStdString(*err);
    for (const auto& e : doc_->errors())
        if (e.path == path && problem.isEmpty())
            problem = QString::fromStdString(e.message);

    auto* nameItem = new QTableWidgetItem(name);
    nameItem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    auto* valueItem = new QTableWidgetItem(value);
    valueItem->setData(Qt::UserRole, info && (info->type == "enum value" || info->type == "boolean")
                                         ? [&] {
                                               QStringList l;
                                               for (const auto& c : info->choices)
                                                   l << QString::fromStdString(c);
                                               return l;
                                           }()
                                         : QStringList());
    auto* defItem = new QTableWidgetItem(def);
    defItem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    auto* rangeItem = new QTableWidgetItem(info ? QString::fromStdString(info->range) : QString());
    rangeItem->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);

    // Compared as librdkafka stores them: acks "all" is the default -1.
    const bool nonDefault =
        !value.isEmpty() && canonical_property_value(name.toStdString(), value.toStdString()) !=
                                canonical_property_value(name.toStdString(), def.toStdString());
    for (auto* item : {nameItem, valueItem, defItem, rangeItem}) {
        item->setToolTip(problem.isEmpty() ? tip : tr("Problem: %1\n\n%2").arg(problem, tip));
        if (nonDefault) {
            QFont f = item->font();
            f.setBold(true);
            item->setFont(f);
            item->setBackground(QColor(255, 193, 7, 60)); // amber tint: readable on dark too
        }
        if (!problem.isEmpty())
            item->setForeground(status_color(Status::Bad, palette()));
    }
    valueItem->setData(Qt::StatusTipRole, problem);
    table_->setItem(row, NameColumn, nameItem);
    table_->setItem(row, ValueColumn, valueItem);
    table_->setItem(row, DefaultColumn, defItem);
    table_->setItem(row, RangeColumn, rangeItem);
}

void ClientPropertiesEditor::onItemChanged(int row, int column) {
    if (filling_ || column != ValueColumn)
        return;
    const QString name = table_->item(row, NameColumn)->text();
    const QString text = table_->item(row, ValueColumn)->text().trimmed();
    const std::string path = section_ + "." + name.toStdString();
    doc_->setValue(path,
                   text.isEmpty() ? nlohmann::json()
                                  : json_of(find_librdkafka_property(name.toStdString()), text),
                   this);
    // Re-mark this row (non-default, librdkafka's verdict) without losing the scroll position.
    filling_ = true;
    fillRow(row, find_librdkafka_property(name.toStdString()), name);
    filling_ = false;
}

} // namespace ktw::gui
