// The advisor and the experiment library as a user sees them (offscreen): the advisor panel
// beside the editor follows the spec and focuses a card's field when clicked; a refused Java
// property name gets the advisor's explanation beside the refusal; the run page shows the
// diagnosis of a live run and of a saved one; the library lists the shipped and the user's
// experiments, opens one into the editor, and lists a corrupt file with its error.
#include "gui/widgets/advisor_panel.h"
#include "gui/editor/client_properties_editor.h"
#include "gui/editor/experiment_editor_page.h"
#include "gui/editor/experiment_form.h"
#include "gui/editor/experiment_library_panel.h"
#include "gui/app/main_window.h"
#include "gui/run/run_controller.h"
#include "gui/library/run_library_page.h"
#include "gui/run/run_page.h"
#include "core/record/run_store.h"
#include "gui/editor/spec_document.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>
#include <fstream>

using namespace ktw;
using namespace ktw::gui;

namespace {

AdviceCard* card(AdvisorPanel* panel, const std::string& rule) {
    for (auto* c : panel->cards())
        if (c->advice().rule == rule)
            return c;
    return nullptr;
}

void write(const QString& path, const std::string& text) {
    QDir().mkpath(QFileInfo(path).path());
    std::ofstream(path.toStdString()) << text;
}

// Every row of the library view below `parent`, as "name | description", depth first.
QStringList rows(QTreeView* view, const QModelIndex& parent = {}) {
    QStringList out;
    auto* model = view->model();
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex i = model->index(r, 0, parent);
        out << i.data().toString() + " | " + i.siblingAtColumn(1).data().toString();
        out << rows(view, i);
    }
    return out;
}

} // namespace

class TestAdvisorGui : public QObject {
    Q_OBJECT
    QTemporaryDir workspace_;

    static void settle(ExperimentEditorPage* page) {
        page->document()->validateNow();
        QCoreApplication::processEvents();
    }

  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("KTW_WORKSPACE", workspace_.path().toUtf8());
    }

    void the_panel_follows_the_spec_and_focuses_the_field() {
        MainWindow w;
        w.setWorkspace(workspace_.path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        auto* page = w.editor();
        auto* doc = page->document();
        doc->setValue("topic.partitions", 1);
        doc->setValue("consumer.threads", 3);
        settle(page);
        AdviceCard* c = card(page->advisor(), "one-partition-several-consumers");
        QVERIFY(c);
        QVERIFY(
            c->findChild<QLabel*>("adviceText")->text().contains("1 partition for 3 consumers"));
        QVERIFY(page->advisor()->headingLabel()->text().contains("warning"));

        page->form()->setCurrentIndex(2); // another tab: the click must bring the field back
        QTest::mouseClick(c, Qt::LeftButton);
        auto* partitions = page->form()->findChild<QSpinBox*>("topic.partitions");
        QCOMPARE(page->form()->currentIndex(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(partitions->hasFocus(), 2000);

        partitions->setValue(3); // fixed: the item goes away
        settle(page);
        QVERIFY(!card(page->advisor(), "one-partition-several-consumers"));
    }

    void a_refused_java_name_gets_the_advisors_explanation() {
        MainWindow w;
        w.setWorkspace(workspace_.path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* page = w.editor();
        page->document()->setValue("consumer.properties.max.poll.records", "5000");
        settle(page);
        QVERIFY(!page->canRun()); // librdkafka refuses the name
        QCOMPARE(page->problemList()->count(), 1);
        const QString problem = page->problemList()->item(0)->text();
        QVERIFY2(problem.contains("consumer.properties.max.poll.records") &&
                     problem.contains("Advisor: librdkafka has no max.poll.records") &&
                     problem.contains("set consumer.max_poll_records to 5000"),
                 qPrintable(problem));
        AdviceCard* c = card(page->advisor(), "java-property-name");
        QVERIFY(c);
        c->setFocus();
        QTest::keyClick(c, Qt::Key_Return); // the keyboard works like a click
        auto* table = page->form()->consumerProperties()->table();
        QCOMPARE(page->form()->currentIndex(), 2);
        QCOMPARE(table->item(table->currentRow(), ClientPropertiesEditor::NameColumn)->text(),
                 QString("max.poll.records"));
    }

    void the_library_lists_opens_and_reports_errors() {
        const QString mine = workspace_.filePath("experiments/my-linger.json");
        const QString corrupt = workspace_.filePath("experiments/half-written.json");
        write(mine, R"({"name": "my-linger", "description": "linger.ms 50 against the quickstart",
                        "topic": {"name": "t", "auto_unique": true},
                        "producer": {"messages": 1000, "properties": {"linger.ms": 50}}})");
        write(corrupt, R"({"name": "half", "producer": {)");
        write(workspace_.filePath("experiments/diary/v2.json"),
              R"({"name": "tuned v2", "description": "fetch sizes up"})");
        MainWindow w;
        w.setWorkspace(workspace_.path());
        w.show();
        auto* page = w.editor();
        auto* library = page->library();
        QCOMPARE(library->userFolder(), workspace_.filePath("experiments"));
        QVERIFY(library->shippedFolder().endsWith("experiments"));
        const QStringList listed = rows(library->view());
        QVERIFY2(listed.filter(QRegularExpression("^quickstart \\| A first look")).size() == 1,
                 qPrintable(listed.join("\n")));
        QVERIFY(listed.contains("Shipped | " + QDir::toNativeSeparators(library->shippedFolder())));
        QVERIFY(listed.contains("my-linger | linger.ms 50 against the quickstart"));
        // A folder is a group: its experiments follow it, one level deeper.
        // (the shipped experiments have a diary folder of their own: look among yours)
        const auto yours = listed.indexOf(
            "Yours | " + QDir::toNativeSeparators(workspace_.filePath("experiments")));
        QVERIFY2(yours >= 0, qPrintable(listed.join("\n")));
        const auto diary = listed.indexOf("diary | ", yours);
        QVERIFY2(diary >= 0 && listed.value(diary + 1) == "tuned v2 | fetch sizes up",
                 qPrintable(listed.join("\n")));
        QVERIFY(library->view()->model()->rowCount(
                    library->indexOf(workspace_.filePath("experiments/diary/v2.json")).parent()) ==
                1);
        const QStringList broken = listed.filter("half-written.json is not valid JSON");
        QCOMPARE(broken.size(), 1);

        // The corrupt file: its error below the list, and it does not open.
        QSignalSpy opened(library, &ExperimentLibraryPanel::openRequested);
        QVERIFY(library->selectFile(corrupt));
        QVERIFY(library->details()->text().contains("Cannot be opened"));
        QVERIFY(!library->openButton()->isEnabled());
        QTest::keyClick(library->view(), Qt::Key_Return);
        QCOMPARE(opened.count(), 0);

        // The filter narrows to matching names, descriptions and folders.
        library->filterBox()->setText("LINGER.MS 50");
        const QStringList filtered = rows(library->view());
        QVERIFY(filtered.contains("my-linger | linger.ms 50 against the quickstart"));
        QVERIFY(filtered.filter("quickstart |").isEmpty());
        library->filterBox()->clear();

        // Enter on an experiment opens it in the editor.
        QVERIFY(library->selectFile(mine));
        library->view()->setFocus();
        QTest::keyClick(library->view(), Qt::Key_Return);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(page->currentFile(), mine);
        QCOMPARE(page->document()->json()["name"], nlohmann::json("my-linger"));
    }

    void save_as_experiment_lands_in_the_library() {
        MainWindow w;
        w.setWorkspace(workspace_.path());
        auto* page = w.editor();
        QVERIFY(page->openFile(QString(KTW_SOURCE_DIR) + "/experiments/quickstart.json", true));
        page->document()->setValue("producer.properties.linger.ms", 20);
        const QString path = page->saveAsExperiment("linger 20 / quickstart");
        QCOMPARE(path, workspace_.filePath("experiments/linger-20-quickstart.json"));
        QVERIFY(!page->document()->modified());
        QCOMPARE(page->document()->json()["name"], nlohmann::json("linger 20 / quickstart"));
        QVERIFY(page->library()->indexOf(path).isValid());
        std::ifstream in(path.toStdString());
        const auto saved = nlohmann::json::parse(in);
        QCOMPARE(saved["producer"]["properties"]["linger.ms"], nlohmann::json(20));
        QVERIFY(QDir(workspace_.filePath("experiments"))
                    .entryList({".*tmp*"}, QDir::Hidden | QDir::Files)
                    .isEmpty());
    }

    void the_run_page_diagnoses_a_live_run_and_a_saved_one() {
        MainWindow w;
        w.setWorkspace(workspace_.path());
        w.show();
        auto* doc = w.editor()->document();
        QVERIFY(
            w.editor()->openFile(QString(KTW_SOURCE_DIR) + "/experiments/quickstart.json", true));
        doc->setValue("name", "diagnosed");
        doc->setValue("producer.threads", 1);
        doc->setValue("producer.messages", 4000);
        doc->setValue("producer.target_rate", 2000);
        doc->setValue("phases.warmup_s", 0);
        doc->setValue("consumer.threads", 1);
        doc->setValue("consumer.processing_us", 600); // 1.2 s of work per second of messages
        doc->setValue("measurement.statistics_interval_ms", 500);
        w.startRun();
        QVERIFY(w.runPage()->diagnosis()->messageLabel()->text().contains("when the run ends"));
        QElapsedTimer t;
        t.start();
        while (w.controller()->running() && t.elapsed() < 120000)
            QTest::qWait(50);
        QVERIFY(!w.controller()->running());
        QVERIFY(w.lastRun());
        QVERIFY2(w.lastRun()->verdict.valid,
                 qPrintable(QString::fromStdString(w.lastRun()->verdict.reasons.empty()
                                                       ? ""
                                                       : w.lastRun()->verdict.reasons.front())));
        AdviceCard* c = card(w.runPage()->diagnosis(), "consumer-poll-bound");
        QVERIFY(c);
        QVERIFY(c->findChild<QLabel*>("adviceText")->text().contains("4,000 messages × 600 µs"));

        // The saved run, opened again from the run library, gets the same diagnosis.
        w.runPage()->diagnosis()->setMessage("cleared");
        const RunRecord saved = RunStore(workspace_.path().toStdString()).load(w.lastRun()->id);
        emit w.library()->openRun(std::make_shared<const RunRecord>(saved));
        QVERIFY(card(w.runPage()->diagnosis(), "consumer-poll-bound"));
    }
};

QTEST_MAIN(TestAdvisorGui)
#include "test_advisor_gui.moc"
