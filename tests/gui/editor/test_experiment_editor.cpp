// The experiment editor as a user drives it (offscreen): form fields, the librdkafka property
// tables, the JSON text and the problems list stay in sync, and an invalid value blocks the run.
#include "gui/editor/client_properties_editor.h"
#include "gui/editor/experiment_editor_page.h"
#include "gui/editor/experiment_form.h"
#include "gui/widgets/field_binder.h"
#include "gui/app/main_window.h"
#include "engine/kafka/property_catalog.h"
#include "gui/run/run_controller.h"
#include "gui/editor/spec_document.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QLabel>
#include <QtTest>

using namespace ktw;
using namespace ktw::gui;

class TestExperimentEditor : public QObject {
    Q_OBJECT
    QTemporaryDir workspace_;

    static void settle(ExperimentEditorPage& page) {
        page.document()->validateNow();
        QCoreApplication::processEvents();
    }

  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("KTW_WORKSPACE", workspace_.path().toUtf8());
    }

    void property_catalog_is_librdkafkas_own_table() {
        const auto& props = librdkafka_properties();
        QVERIFY2(props.size() > 120, "librdkafka 2.0.2: 138 settable as text, each name once");
        const PropertyInfo* linger = find_librdkafka_property("linger.ms");
        QVERIFY(linger);
        QCOMPARE(linger->default_value, std::string("5"));
        QCOMPARE(linger->type, std::string("float"));
        QCOMPARE(*linger->max, 900000.0);
        QVERIFY(linger->applies_to_producer() && !linger->applies_to_consumer());
        QCOMPARE(linger->alias_of, std::string("queue.buffering.max.ms"));
        const PropertyInfo* codec = find_librdkafka_property("compression.codec");
        QVERIFY(codec);
        QVERIFY(std::find(codec->choices.begin(), codec->choices.end(), "zstd") !=
                codec->choices.end());
        QVERIFY(!find_librdkafka_property("dr_msg_cb")); // pointers are not settable as text
        QVERIFY(check_librdkafka_property("linger.ms", "abc").has_value());
        QVERIFY(!check_librdkafka_property("linger.ms", "20").has_value());
        QCOMPARE(canonical_property_value("acks", "all"), std::string("-1"));
    }

    void editing_a_field_updates_the_spec_and_the_json() {
        ExperimentEditorPage page;
        auto* partitions = page.form()->findChild<QSpinBox*>("topic.partitions");
        QVERIFY(partitions);
        partitions->setValue(6);
        QCOMPARE(page.document()->json()["topic"]["partitions"].get<int>(), 6);
        QVERIFY(page.jsonEditor()->toPlainText().contains("\"partitions\": 6"));

        // And the other way: JSON text -> form.
        auto spec = page.document()->json();
        spec["producer"]["threads"] = 3;
        page.jsonEditor()->setPlainText(QString::fromStdString(spec.dump(2)));
        auto* threads = page.form()->findChild<QSpinBox*>("producer.threads");
        QTRY_COMPARE_WITH_TIMEOUT(threads->value(), 3, 3000);

        // Broken JSON keeps the last valid spec and says so.
        QVERIFY(page.jsonStatus()->text().isEmpty());
        page.jsonEditor()->setPlainText("{ \"producer\": ");
        QTRY_VERIFY_WITH_TIMEOUT(!page.jsonStatus()->text().isEmpty(), 3000);
        const QString status = page.jsonStatus()->text();
        QVERIFY2(status.contains("Not valid JSON") &&
                     status.contains("the form keeps the last valid text"),
                 qPrintable(status));
        QVERIFY2(status.contains("unexpected end of input"), qPrintable(status)); // parser's why
        QCOMPARE(page.document()->json()["producer"]["threads"].get<int>(), 3);
        QCOMPARE(threads->value(), 3);
    }

    void switching_cluster_kind_removes_fields_of_the_other_kind() {
        ExperimentEditorPage page;
        auto* kind = page.form()->findChild<QComboBox*>("cluster.kind");
        kind->setCurrentText("external");
        QVERIFY(!page.document()->has("cluster.brokers"));
        settle(page);
        // external needs bootstrap servers: flagged at the field, the run is blocked.
        QVERIFY(!page.canRun());
        auto* bootstrap = page.form()->binder()->widgetFor("cluster.bootstrap_servers");
        QVERIFY(bootstrap->isEnabled());
        QVERIFY(bootstrap->property("invalid").toBool());
        kind->setCurrentText("local");
        QVERIFY(!page.document()->has("cluster.bootstrap_servers"));
        QVERIFY(page.form()->binder()->widgetFor("cluster.brokers")->isEnabled());
        QVERIFY(page.form()->binder()->widgetFor("cluster.port")->isEnabled());
        QVERIFY(!page.form()->binder()->widgetFor("cluster.broker_rtt_ms")->isEnabled());
        kind->setCurrentText("embedded");
        QVERIFY(!page.document()->has("cluster.port"));
        settle(page);
        QVERIFY(page.canRun());
    }

    void invalid_property_is_flagged_with_librdkafkas_message_and_blocks_the_run() {
        MainWindow window;
        auto& page = *window.editor();
        settle(page);
        QVERIFY(page.canRun());
        ClientPropertiesEditor* props = page.form()->producerProperties();
        const int row = props->rowOf("linger.ms");
        QVERIFY(row >= 0);
        props->table()->item(row, ClientPropertiesEditor::ValueColumn)->setText("abc");
        QCOMPARE(page.document()->json()["producer"]["properties"]["linger.ms"].get<std::string>(),
                 std::string("abc"));
        settle(page);
        QVERIFY(!page.canRun());
        QVERIFY(!page.runButton()->isEnabled());
        QCOMPARE(page.problemList()->count(), 1);
        const QString problem = page.problemList()->item(0)->text();
        QVERIFY2(problem.startsWith("producer.properties.linger.ms: "), qPrintable(problem));
        QVERIFY2(problem.contains("Invalid value"), qPrintable(problem)); // librdkafka's words
        const int flagged = props->rowOf("linger.ms");
        QVERIFY(props->table()
                    ->item(flagged, ClientPropertiesEditor::ValueColumn)
                    ->toolTip()
                    .contains("Problem"));

        window.startRun(); // Ctrl+R with an invalid spec: nothing starts
        QVERIFY(!window.controller()->running());

        props->table()
            ->item(props->rowOf("linger.ms"), ClientPropertiesEditor::ValueColumn)
            ->setText("");
        QVERIFY(!page.document()->has("producer.properties.linger.ms"));
        settle(page);
        QVERIFY(page.canRun());
        QVERIFY(page.runButton()->isEnabled());
    }

    void non_default_values_are_marked_and_search_finds_any_property() {
        ExperimentEditorPage page;
        ClientPropertiesEditor* props = page.form()->producerProperties();
        // acks=all is librdkafka's default (-1): not marked; linger.ms=5 is the default too.
        QVERIFY(!props->table()->item(props->rowOf("acks"), 0)->font().bold());
        page.applyPreset(0); // high throughput: linger.ms 10, lz4
        settle(page);
        QVERIFY(props->table()->item(props->rowOf("linger.ms"), 0)->font().bold());
        QCOMPARE(page.document()
                     ->json()["producer"]["properties"]["compression.codec"]
                     .get<std::string>(),
                 std::string("lz4"));
        QCOMPARE(
            page.document()->json()["consumer"]["properties"]["fetch.min.bytes"].get<std::string>(),
            std::string("10240"));
        QVERIFY(props->rowOf("sticky.partitioning.linger.ms") >= 0);
        QCOMPARE(props->rowOf("topic.metadata.refresh.interval.ms"), -1); // not a tuned one
        props->searchBox()->setText("metadata.refresh");
        QVERIFY(props->rowOf("topic.metadata.refresh.interval.ms") >= 0);
        QVERIFY(props->table()
                    ->item(props->rowOf("topic.metadata.refresh.interval.ms"), 0)
                    ->toolTip()
                    .contains("Type: integer"));
        // Consumer-only properties are not offered to the producer.
        props->searchBox()->setText("fetch.wait.max.ms");
        QCOMPARE(props->rowOf("fetch.wait.max.ms"), -1);
        QVERIFY(page.form()->consumerProperties()->rowOf("fetch.wait.max.ms") >= 0);
    }

    void spec_file_round_trip_and_unreadable_files() {
        ExperimentEditorPage page;
        QVERIFY(page.openFile(QString(KTW_SOURCE_DIR) + "/experiments/quickstart.json", true));
        QCOMPARE(page.document()->json()["name"].get<std::string>(), std::string("quickstart"));
        QVERIFY(!page.document()->modified());
        QTemporaryDir dir;
        const QString copy = dir.filePath("copy.json");
        QVERIFY(page.saveTo(copy));
        ExperimentEditorPage other;
        QVERIFY(other.openFile(copy, true));
        QCOMPARE(other.document()->json(), page.document()->json());

        QFile bad(dir.filePath("bad.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{ not json");
        bad.close();
        QVERIFY(!other.openFile(bad.fileName(), true));
        QCOMPARE(other.document()->json(), page.document()->json()); // unchanged
    }
};

QTEST_MAIN(TestExperimentEditor)
#include "test_experiment_editor.moc"
