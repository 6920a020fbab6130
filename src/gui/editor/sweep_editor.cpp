#include "gui/editor/sweep_editor.h"
#include "gui/widgets/status_color.h"

#include "engine/kafka/property_catalog.h"
#include "core/sweep/sweep_plan.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ktw::gui {
namespace {

// Fields people sweep first, then every librdkafka property of each side.
QStringList field_suggestions() {
    QStringList fields = {"topic.partitions",          "consumer.threads",
                          "producer.threads",          "producer.message_bytes",
                          "producer.target_rate",      "producer.random_fraction",
                          "consumer.max_poll_records", "consumer.processing_us"};
    for (const auto& p : tuned_producer_properties())
        fields << QString::fromStdString("producer.properties." + p);
    for (const auto& p : tuned_consumer_properties())
        fields << QString::fromStdString("consumer.properties." + p);
    for (const auto& p : librdkafka_properties()) {
        const QString producer = QString::fromStdString("producer.properties." + p.name);
        const QString consumer = QString::fromStdString("consumer.properties." + p.name);
        if (p.applies_to_producer() && !fields.contains(producer))
            fields << producer;
        if (p.applies_to_consumer() && !fields.contains(consumer))
            fields << consumer;
    }
    return fields;
}

struct TargetField {
    const char* name;
    const char* label;
    const char* suffix;
    int decimals;
};
const TargetField kTargets[] = {
    {"max_e2e_p99_ms", "e2e p99 at most", " ms", 1},
    {"max_ack_p99_ms", "ack p99 at most", " ms", 1},
    {"min_produce_msgs_per_s", "produce at least", " msg/s", 0},
    {"min_consume_msgs_per_s", "consume at least", " msg/s", 0},
};

} // namespace

nlohmann::json parse_axis_values(const QString& text) {
    nlohmann::json values = nlohmann::json::array();
    for (const QString& token : text.split(',')) {
        const std::string t = token.trimmed().toStdString();
        if (t.empty())
            continue;
        nlohmann::json v = nlohmann::json::parse(t, nullptr, /*allow_exceptions=*/false);
        values.push_back(v.is_discarded() || !v.is_primitive() ? nlohmann::json(t) : v);
    }
    return values;
}

QString axis_values_text(const nlohmann::json& values) {
    QStringList parts;
    if (values.is_array())
        for (const auto& v : values)
            parts << QString::fromStdString(sweep_value_text(v));
    return parts.join(", ");
}

SweepEditor::SweepEditor(SpecDocument* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
    setObjectName("sweepEditor");
    enabled_ = new QCheckBox(tr("Sweep: run every combination of the values below, each a "
                                "saved run"));
    enabled_->setObjectName("sweep.enabled");
    body_ = new QWidget;

    axes_ = new QTableWidget(0, 2);
    axes_->setObjectName("sweep.axes");
    axes_->setHorizontalHeaderLabels({tr("Field"), tr("Values (comma-separated)")});
    axes_->horizontalHeader()->setSectionResizeMode(FieldColumn, QHeaderView::Interactive);
    axes_->horizontalHeader()->setStretchLastSection(true);
    axes_->setColumnWidth(FieldColumn, 300);
    axes_->verticalHeader()->hide();
    axes_->setSelectionBehavior(QAbstractItemView::SelectRows);
    axes_->setToolTip(tr("Each row is one axis: a field path as --set takes it and the values "
                         "to try. Points are every combination; axes are ordered by path."));

    field_ = new QComboBox;
    field_->setObjectName("sweep.field");
    field_->setEditable(true);
    field_->addItems(field_suggestions());
    field_->setMaxVisibleItems(20);
    field_->completer()->setFilterMode(Qt::MatchContains);
    field_->completer()->setCompletionMode(QCompleter::PopupCompletion);
    field_->setMinimumContentsLength(32);
    add_ = new QPushButton(tr("Add axis"));
    remove_ = new QPushButton(tr("Remove axis"));
    auto* chooser = new QHBoxLayout;
    chooser->addWidget(new QLabel(tr("Field")));
    chooser->addWidget(field_, 1);
    chooser->addWidget(add_);
    chooser->addWidget(remove_);

    repeats_ = new QSpinBox;
    repeats_->setObjectName("sweep.repeats");
    repeats_->setRange(1, kMaxSweepRepeats);
    repeats_->setToolTip(tr("Runs per point: with 2 or more, figures get a 95% confidence "
                            "interval and differences are tested against noise"));
    warmup_ = new QSpinBox;
    warmup_->setObjectName("sweep.warmup_runs");
    warmup_->setRange(0, kMaxSweepWarmupRuns);
    warmup_->setToolTip(tr("Runs with the first point's settings before the sweep; saved, "
                           "never counted"));
    repeats_->setMaximumWidth(220);
    warmup_->setMaximumWidth(220);
    auto* form = new QFormLayout;
    form->addRow(tr("Repeats per point"), repeats_);
    form->addRow(tr("Warm-up runs"), warmup_);
    for (const auto& t : kTargets) {
        auto* box = new QDoubleSpinBox;
        box->setObjectName(QString("sweep.targets.") + t.name);
        box->setRange(0, 1e9);
        box->setDecimals(t.decimals);
        box->setSuffix(t.suffix);
        box->setSpecialValueText(tr("no target"));
        box->setMaximumWidth(220);
        box->setToolTip(tr("Points whose means meet every target are marked; the best is chosen "
                           "among them"));
        form->addRow(tr("Target: %1").arg(t.label), box);
        targets_.push_back({t.name, box});
        connect(box, &QDoubleSpinBox::valueChanged, this, &SweepEditor::writeToDocument);
    }
    summary_ = new QLabel;
    summary_->setObjectName("sweep.summary");
    summary_->setWordWrap(true);

    auto* bodyLayout = new QVBoxLayout(body_);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(axes_, 1);
    bodyLayout->addLayout(chooser);
    bodyLayout->addLayout(form);
    bodyLayout->addWidget(summary_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(enabled_);
    layout->addWidget(body_, 1);

    connect(enabled_, &QCheckBox::toggled, this, [this](bool on) {
        if (loading_)
            return;
        if (on && axes_->rowCount() == 0)
            addAxis("producer.properties.linger.ms", "0, 5, 20");
        writeToDocument();
    });
    connect(add_, &QPushButton::clicked, this, [this] {
        const QString path = field_->currentText().trimmed();
        if (!path.isEmpty())
            addAxis(path, "");
        axes_->setFocus();
        axes_->setCurrentCell(axes_->rowCount() - 1, ValuesColumn);
    });
    connect(remove_, &QPushButton::clicked, this, [this] {
        const int row = axes_->currentRow();
        if (row >= 0) {
            axes_->removeRow(row);
            writeToDocument();
        }
    });
    connect(axes_, &QTableWidget::itemChanged, this, &SweepEditor::writeToDocument);
    connect(repeats_, &QSpinBox::valueChanged, this, &SweepEditor::writeToDocument);
    connect(warmup_, &QSpinBox::valueChanged, this, &SweepEditor::writeToDocument);
    connect(doc_, &SpecDocument::changed, this, [this](QObject* origin) {
        if (origin != this)
            loadFromDocument();
    });
    connect(doc_, &SpecDocument::validated, this, &SweepEditor::updateSummary);
    loadFromDocument();
}

QDoubleSpinBox* SweepEditor::targetBox(const std::string& name) const {
    for (const auto& [n, box] : targets_)
        if (n == name)
            return box;
    return nullptr;
}

void SweepEditor::addAxis(const QString& path, const QString& values) {
    {
        const QSignalBlocker block(axes_);
        int row = 0;
        while (row < axes_->rowCount() && axes_->item(row, FieldColumn)->text() != path)
            ++row;
        if (row == axes_->rowCount()) {
            axes_->insertRow(row);
            axes_->setItem(row, FieldColumn, new QTableWidgetItem(path));
        }
        axes_->setItem(row, ValuesColumn, new QTableWidgetItem(values));
    }
    if (!enabled_->isChecked()) {
        const QSignalBlocker block(enabled_);
        enabled_->setChecked(true);
    }
    writeToDocument();
}

void SweepEditor::loadFromDocument() {
    loading_ = true;
    const nlohmann::json& spec = doc_->json();
    const bool on = has_sweep(spec) && spec["sweep"].is_object();
    const nlohmann::json sweep = on ? spec["sweep"] : nlohmann::json::object();
    {
        const QSignalBlocker b1(enabled_), b2(axes_), b3(repeats_), b4(warmup_);
        enabled_->setChecked(on);
        axes_->setRowCount(0);
        if (sweep.contains("axes") && sweep["axes"].is_object())
            for (const auto& [path, values] : sweep["axes"].items()) {
                const int row = axes_->rowCount();
                axes_->insertRow(row);
                axes_->setItem(row, FieldColumn,
                               new QTableWidgetItem(QString::fromStdString(path)));
                axes_->setItem(row, ValuesColumn, new QTableWidgetItem(axis_values_text(values)));
            }
        const auto number = [&](const char* key, int fallback) {
            return sweep.contains(key) && sweep[key].is_number_integer() ? sweep[key].get<int>()
                                                                         : fallback;
        };
        repeats_->setValue(number("repeats", 1));
        warmup_->setValue(number("warmup_runs", 0));
        const nlohmann::json targets = sweep.value("targets", nlohmann::json::object());
        for (const auto& [name, box] : targets_) {
            const QSignalBlocker b(box);
            box->setValue(targets.is_object() && targets.contains(name) && targets[name].is_number()
                              ? targets[name].get<double>()
                              : 0);
        }
    }
    body_->setEnabled(on);
    loading_ = false;
    updateSummary();
}

void SweepEditor::writeToDocument() {
    if (loading_)
        return;
    body_->setEnabled(enabled_->isChecked());
    if (!enabled_->isChecked()) {
        doc_->setValue("sweep", nullptr, this);
        return;
    }
    nlohmann::json axes = nlohmann::json::object();
    for (int row = 0; row < axes_->rowCount(); ++row) {
        const auto* field = axes_->item(row, FieldColumn);
        const auto* values = axes_->item(row, ValuesColumn);
        const std::string path = field ? field->text().trimmed().toStdString() : "";
        if (!path.empty())
            axes[path] = parse_axis_values(values ? values->text() : "");
    }
    nlohmann::json sweep = {{"axes", axes}, {"repeats", repeats_->value()}};
    if (warmup_->value() > 0)
        sweep["warmup_runs"] = warmup_->value();
    nlohmann::json targets = nlohmann::json::object();
    for (const auto& [name, box] : targets_)
        if (box->value() > 0)
            targets[name] = box->value();
    if (!targets.empty())
        sweep["targets"] = targets;
    doc_->setValue("sweep", sweep, this);
}

void SweepEditor::updateSummary() {
    const nlohmann::json& spec = doc_->json();
    if (!has_sweep(spec)) {
        summary_->setText(tr("No sweep: the experiment is a single run."));
        return;
    }
    QStringList problems;
    for (const auto& e : doc_->errors())
        if (e.path.starts_with("sweep"))
            problems << QString::fromStdString(e.to_string()).toHtmlEscaped();
    if (!problems.isEmpty()) {
        summary_->setText(status_span(Status::Bad, problems.join("<br>")));
        return;
    }
    const auto plan = parse_sweep_plan(spec);
    if (!plan.ok()) { // the base spec's own problems are listed below the form
        summary_->setText(tr("The sweep is checked when the rest of the experiment is valid."));
        return;
    }
    const auto points = static_cast<int>(plan.plan.point_count());
    QString text = tr("%1 point(s) × %2 repeat(s) = %3 run(s)")
                       .arg(points)
                       .arg(plan.plan.repeats)
                       .arg(points * plan.plan.repeats);
    if (plan.plan.warmup_runs > 0)
        text += tr(", plus %1 warm-up run(s)").arg(plan.plan.warmup_runs);
    if (!plan.plan.targets.empty())
        text += tr(". Targets: %1")
                    .arg(QString::fromStdString(describe_sweep_targets(plan.plan.targets)));
    summary_->setText(text + ".");
}

} // namespace ktw::gui
