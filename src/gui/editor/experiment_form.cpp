#include "gui/editor/experiment_form.h"

#include "gui/editor/client_properties_editor.h"
#include "gui/widgets/field_binder.h"
#include "core/spec/properties_file.h"
#include "gui/editor/sweep_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ktw::gui {
namespace {

QGroupBox* group(const QString& title, QLayout* content) {
    auto* box = new QGroupBox(title);
    box->setLayout(content);
    return box;
}

QFormLayout* form() {
    auto* f = new QFormLayout;
    f->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    return f;
}

} // namespace

ExperimentForm::ExperimentForm(SpecDocument* doc, QWidget* parent)
    : QTabWidget(parent), doc_(doc), binder_(new FieldBinder(doc, this)) {
    addTab(clusterPage(), tr("Cluster && topic"));
    addTab(producerPage(), tr("Producer"));
    addTab(consumerPage(), tr("Consumer"));
    addTab(phasesPage(), tr("Phases && measurement"));
    sweep_ = new SweepEditor(doc_);
    addTab(sweep_, tr("Sweep"));
}

QWidget* ExperimentForm::clusterPage() {
    auto& b = *binder_;
    auto* cluster = form();
    auto* kind = b.choiceField(
        "cluster.kind", {"embedded", "local", "external"},
        tr("embedded: librdkafka's mock cluster inside this process (no Kafka needed; its "
           "numbers describe the client, not Kafka).\n"
           "local: 1 or 3 real Apache Kafka brokers on loopback, started for the run (needs a "
           "JDK and the jars from scripts/local-kafka.sh fetch).\n"
           "external: a cluster you run, reached at the bootstrap servers."));
    cluster->addRow(tr("Kind"), kind);
    auto is = [this](const char* k) {
        return [this, k] { return doc_->value("cluster.kind") == k; };
    };
    auto* brokers =
        b.intField("cluster.brokers", 1, 16,
                   tr("Embedded: mock brokers (1-16). Local: Apache Kafka brokers (1 or 3)"));
    b.enableWhen(brokers, [this] { return doc_->value("cluster.kind") != "external"; });
    cluster->addRow(tr("Brokers"), brokers);
    auto* rtt = b.intField("cluster.broker_rtt_ms", 0, 10000,
                           tr("Embedded only: round-trip delay added to every mock broker"));
    rtt->setSuffix(" ms");
    b.enableWhen(rtt, is("embedded"));
    cluster->addRow(tr("Broker round trip"), rtt);
    auto* port = b.intField("cluster.port", 1024, 65000,
                            tr("Local only: broker i listens on 127.0.0.1:port+2i"));
    b.enableWhen(port, is("local"));
    cluster->addRow(tr("First port"), port);
    auto* bootstrap = b.textField("cluster.bootstrap_servers",
                                  tr("External only, required there: host:port[,host:port]"));
    bootstrap->setPlaceholderText("host:9092,host2:9092");
    b.enableWhen(bootstrap, is("external"));
    cluster->addRow(tr("Bootstrap servers"), bootstrap);

    auto* topic = form();
    topic->addRow(tr("Name"), b.textField("topic.name", tr("Topic name; with 'unique per run' "
                                                           "the run id's time stamp is appended")));
    topic->addRow(QString(), b.boolField("topic.auto_unique", tr("Unique per run"),
                                         tr("Every run gets a fresh topic <name>-<time>-<hex>")));
    topic->addRow(tr("Partitions"), b.intField("topic.partitions", 1, 10000,
                                               tr("Partitions when the topic is created")));
    topic->addRow(tr("Replication factor"),
                  b.intField("topic.replication_factor", 1, 16,
                             tr("When created; on the embedded cluster at most its brokers")));
    topic->addRow(tr("Mode"), b.choiceField("topic.mode", {"create", "reuse", "create_or_reuse"},
                                            tr("create: must not exist; reuse: must exist")));
    topic->addRow(QString(), b.boolField("topic.delete_after", tr("Delete after the run"),
                                         tr("External cluster only; best effort")));
    topic->addRow(tr("Topic configs"), topicConfigsField());

    clusterProps_ = new ClientPropertiesEditor(doc_, PropertyRole::AllClients);
    auto* propsLayout = new QVBoxLayout;
    propsLayout->addWidget(clusterProps_);

    auto* top = new QWidget;
    auto* row = new QHBoxLayout(top);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(group(tr("Cluster"), cluster), 1);
    row->addWidget(group(tr("Topic"), topic), 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(group(tr("Properties for every client (security, debug…)"), propsLayout));
    split->setStretchFactor(1, 1);
    return split;
}

QWidget* ExperimentForm::topicConfigsField() {
    // Topic configs are broker-side names librdkafka does not know: a key=value text.
    auto* edit = new QPlainTextEdit;
    edit->setObjectName("topic.configs");
    edit->setPlaceholderText("retention.ms=600000\nmin.insync.replicas=2");
    edit->setToolTip(tr("One key=value per line; sent with CreateTopics on an external cluster "
                        "(the embedded cluster ignores them)"));
    edit->setMaximumHeight(70);
    auto refresh = [this, edit] {
        std::string text;
        const auto configs = doc_->value("topic.configs");
        if (configs.is_object())
            for (const auto& [k, v] : configs.items())
                text += k + "=" + (v.is_string() ? v.get<std::string>() : v.dump()) + "\n";
        if (edit->toPlainText().toStdString() != text) {
            QSignalBlocker block(edit);
            edit->setPlainText(QString::fromStdString(text));
        }
    };
    connect(doc_, &SpecDocument::changed, edit, [refresh, edit](QObject* origin) {
        if (origin != edit)
            refresh();
    });
    connect(edit, &QPlainTextEdit::textChanged, this, [this, edit] {
        nlohmann::json configs = nlohmann::json::object();
        for (const auto& [k, v] : parse_properties_text(edit->toPlainText().toStdString()))
            if (!k.empty())
                configs[k] = v;
        doc_->setValue("topic.configs", configs.empty() ? nlohmann::json() : configs, edit);
    });
    refresh();
    return edit;
}

QWidget* ExperimentForm::producerPage() {
    auto& b = *binder_;
    auto* work = form();
    work->addRow(tr("Threads"), b.intField("producer.threads", 0, 64,
                                           tr("Producer threads, one librdkafka producer each")));
    auto* messages = b.numberField("producer.messages", 0, 1099511627776.0, 0,
                                   tr("Total messages over all threads (or set a duration)"));
    work->addRow(tr("Messages"), messages);
    auto* duration = b.numberField("producer.duration_s", 0, 86400, 1,
                                   tr("Produce for this long instead of a count"));
    duration->setSuffix(" s");
    work->addRow(tr("Duration"), duration);
    auto* size = b.intField("producer.message_bytes", 32, 104857600,
                            tr("Value size, the 32-byte measurement header included"));
    size->setSuffix(" B");
    work->addRow(tr("Message size"), size);
    work->addRow(tr("Random fraction"),
                 b.numberField("producer.random_fraction", 0, 1, 2,
                               tr("Share of each payload that is random (incompressible); lower "
                                  "it to make compression numbers meaningful")));
    auto* keyMode = b.choiceField("producer.keys.mode", {"none", "distinct", "round_robin"},
                                  tr("none: librdkafka's partitioner (sticky for unkeyed);\n"
                                     "distinct: keys k0..k<count-1>; round_robin: no key, "
                                     "partition = sequence % partitions"));
    work->addRow(tr("Keys"), keyMode);
    auto* keyCount = b.intField("producer.keys.count", 1, 10000000, tr("Distinct keys"));
    b.enableWhen(keyCount, [this] { return doc_->value("producer.keys.mode") == "distinct"; });
    connect(keyMode, &QComboBox::currentTextChanged, this, [this](const QString& mode) {
        if (mode == "distinct" && !doc_->has("producer.keys.count"))
            doc_->setValue("producer.keys.count", 1000);
    });
    work->addRow(tr("Key count"), keyCount);
    auto* rate = b.numberField("producer.target_rate", 0, 1e9, 0,
                               tr("Messages per second over all threads; 0 = as fast as "
                                  "possible. Latency then counts from the intended send time."));
    rate->setSuffix(" msg/s");
    rate->setSpecialValueText(tr("unlimited"));
    work->addRow(tr("Target rate"), rate);

    producerProps_ = new ClientPropertiesEditor(doc_, PropertyRole::Producer);
    auto* props = new QVBoxLayout;
    props->addWidget(producerProps_);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(group(tr("Workload"), work));
    split->addWidget(group(tr("librdkafka producer properties"), props));
    split->setStretchFactor(1, 1);
    return split;
}

QWidget* ExperimentForm::consumerPage() {
    auto& b = *binder_;
    auto* c = form();
    c->addRow(tr("Threads"), b.intField("consumer.threads", 0, 64,
                                        tr("Consumer threads, one librdkafka consumer each")));
    c->addRow(tr("Mode"), b.choiceField("consumer.mode", {"group", "assign"},
                                        tr("group: one consumer group; assign: partition p to "
                                           "consumer p % threads, no group protocol")));
    auto* group_id = b.textField("consumer.group_id", tr("Empty: a fresh group per run"));
    group_id->setPlaceholderText(tr("ktw-<run id>"));
    c->addRow(tr("Group id"), group_id);
    c->addRow(tr("Commit"), b.choiceField("consumer.commit", {"auto", "sync", "async"},
                                          tr("auto: librdkafka commits in the background; "
                                             "sync/async: after every non-empty poll")));
    auto* processing = b.intField("consumer.processing_us", 0, 10000000,
                                  tr("Simulated work per message, slept after each poll"));
    processing->setSuffix(" µs");
    c->addRow(tr("Processing per message"), processing);
    c->addRow(tr("Max poll records"),
              b.intField("consumer.max_poll_records", 1, 1000000,
                         tr("Most messages one poll returns (Java's max.poll.records, which "
                            "librdkafka lacks)")));
    auto* pollTimeout = b.intField("consumer.poll_timeout_ms", 0, 1000,
                                   tr("How long one poll waits for its first message"));
    pollTimeout->setSuffix(" ms");
    c->addRow(tr("Poll timeout"), pollTimeout);

    consumerProps_ = new ClientPropertiesEditor(doc_, PropertyRole::Consumer);
    auto* props = new QVBoxLayout;
    props->addWidget(consumerProps_);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(group(tr("Consumers"), c));
    split->addWidget(group(tr("librdkafka consumer properties"), props));
    split->setStretchFactor(1, 1);
    return split;
}

QWidget* ExperimentForm::phasesPage() {
    auto& b = *binder_;
    auto* p = form();
    p->addRow(tr("Mode"), b.choiceField("phases.mode", {"concurrent", "produce_then_consume"},
                                        tr("concurrent: consume while producing; "
                                           "produce_then_consume: as in the tuning diary")));
    auto seconds = [&](const char* path, double min, double max, const QString& tip) {
        auto* w = b.numberField(path, min, max, 1, tip);
        w->setSuffix(" s");
        return w;
    };
    p->addRow(tr("Warm-up"), seconds("phases.warmup_s", 0, 3600,
                                     tr("Excluded from throughput and latency results")));
    p->addRow(tr("Timeout"), seconds("phases.timeout_s", 1, 604800,
                                     tr("Limit for the whole run; then it stops as timed out")));
    p->addRow(tr("Idle timeout"),
              seconds("phases.idle_timeout_s", 0.5, 3600,
                      tr("After producing: consumers without progress this long end the run")));
    auto* m = form();
    m->addRow(QString(), b.boolField("measurement.enabled", tr("Measure latency and order"),
                                     tr("Off: counts only (to measure what measuring costs)")));
    auto* tick = b.intField("measurement.tick_ms", 10, 10000, tr("Interval of the time series"));
    tick->setSuffix(" ms");
    m->addRow(tr("Tick"), tick);
    auto* stats = b.intField("measurement.statistics_interval_ms", 100, 60000,
                             tr("librdkafka statistics.interval.ms (fetch counts come from it)"));
    stats->setSuffix(" ms");
    m->addRow(tr("Statistics interval"), stats);

    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(group(tr("Phases"), p));
    layout->addWidget(group(tr("Measurement"), m));
    layout->addStretch(1);
    return page;
}

void ExperimentForm::focusField(const std::string& path) {
    if (path == "sweep" || path.starts_with("sweep.")) {
        setCurrentWidget(sweep_);
        sweep_->axesTable()->setFocus();
        return;
    }
    QWidget* target = binder_->widgetFor(path);
    ClientPropertiesEditor* props = nullptr;
    for (auto* editor : {producerProps_, consumerProps_, clusterProps_})
        if (path.starts_with(editor->section()))
            props = editor;
    if (!target && props)
        target = props->table();
    if (!target && path == "topic.configs")
        target = findChild<QPlainTextEdit*>("topic.configs");
    if (!target)
        return;
    for (int i = 0; i < count(); ++i)
        if (widget(i)->isAncestorOf(target))
            setCurrentIndex(i);
    if (props && path.size() > props->section().size() + 1) {
        const int row =
            props->rowOf(QString::fromStdString(path.substr(props->section().size() + 1)));
        if (row >= 0)
            props->table()->setCurrentCell(row, ClientPropertiesEditor::ValueColumn);
    }
    target->setFocus();
}

} // namespace ktw::gui
