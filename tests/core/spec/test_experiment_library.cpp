// Experiment folders: listing (groups, names, descriptions, errors, natural order), file
// names from experiment names, atomic saves; the shipped experiments list cleanly.
#include "core/spec/experiment_library.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

using namespace ktw;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

} // namespace

class TestExperimentLibrary : public QObject {
    Q_OBJECT
  private slots:
    void lists_groups_names_descriptions_and_errors() {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        write(root / "quickstart.json", R"({"name": "quick", "description": "Seconds."})");
        write(root / "diary" / "v10.json", R"({"name": "tuned v10"})");
        write(root / "diary" / "v2.json", R"({"name": "tuned v2", "description": "d2"})");
        write(root / "diary" / "broken.json", "{\"name\": \"cut off");
        write(root / "deep-dive" / "list.json", "[1, 2]");
        write(root / "deep-dive" / "nameless.json", "{}");
        write(root / ".hidden" / "x.json", "{}");
        write(root / "notes.txt", "not an experiment");
        const auto files = list_experiments(root);
        QCOMPARE(files.size(), std::size_t{6});
        // root first, then folders by name; inside a folder v2 before v10
        QCOMPARE(files[0].group, std::string(""));
        QCOMPARE(files[0].name, std::string("quick"));
        QCOMPARE(files[0].description, std::string("Seconds."));
        QCOMPARE(files[1].group, std::string("deep-dive"));
        QVERIFY(files[1].error.starts_with("is not an experiment: a spec is a JSON object"));
        QCOMPARE(files[2].name, std::string("nameless")); // no name: the file's
        QVERIFY(files[2].error.empty());
        QCOMPARE(files[3].file.filename().string(), std::string("broken.json"));
        QVERIFY2(files[3].error.starts_with("is not valid JSON"), files[3].error.c_str());
        QCOMPARE(files[4].name, std::string("tuned v2"));
        QCOMPARE(files[5].name, std::string("tuned v10"));
        QVERIFY(list_experiments(root / "missing").empty());
    }

    void saves_atomically_under_a_file_name_from_the_name() {
        QCOMPARE(experiment_file_stem("linger 50 / acks=all"), std::string("linger-50-acks-all"));
        QCOMPARE(experiment_file_stem("../.."), std::string("experiment"));
        QCOMPARE(experiment_file_stem(".hidden"), std::string("hidden"));
        QTemporaryDir dir;
        const fs::path folder = fs::path(dir.path().toStdString()) / "experiments";
        const auto path = save_experiment(folder, "mine", {{"name", "mine"}});
        QCOMPARE(path, folder / "mine.json");
        const auto files = list_experiments(folder);
        QCOMPARE(files.size(), std::size_t{1}); // no temporary file left beside it
        QCOMPARE(files[0].name, std::string("mine"));
    }

    void the_shipped_experiments_list_without_errors() {
        // (Whether each one validates and runs is test_experiment_spec's business.)
        const auto files = list_experiments(fs::path(KTW_SOURCE_DIR) / "experiments");
        QVERIFY(!files.empty());
        for (const auto& f : files) {
            QVERIFY2(f.error.empty(), (f.file.string() + " " + f.error).c_str());
            QVERIFY2(!f.description.empty(), (f.file.string() + " has no description").c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestExperimentLibrary)
#include "test_experiment_library.moc"
