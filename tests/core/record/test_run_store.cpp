// Saving and loading runs: atomic writes, and corrupt files that never take the library down.
#include "core/record/run_store.h"

#include <QtTest>
#include <filesystem>
#include <fstream>

using namespace ktw;
namespace fs = std::filesystem;

namespace {

RunRecord sample_run(const std::string& id, const std::string& started) {
    RunRecord r;
    r.id = id;
    r.name = "sample";
    r.status = RunStatus::Completed;
    r.environment.started_at = started;
    r.summary.produced = r.summary.consumed = 1000;
    r.summary.producer.msgs_per_s = 12345.5;
    r.summary.polls = 10;
    r.summary.messages_per_poll = 100;
    r.summary.fetches = 4;
    for (uint64_t v = 1; v <= 1000; ++v)
        r.ack_histogram.record(v * 10);
    r.summary.ack_us = r.ack_histogram.summary();
    r.verdict.valid = true;
    r.client_config["producer"] = {{"linger.ms", "5"}};
    r.intervals.push_back(IntervalPoint{});
    return r;
}

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

} // namespace

class TestRunStore : public QObject {
    Q_OBJECT
  private slots:
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(dir_->isValid());
    }

    void save_and_load_round_trip() {
        RunStore store(dir_->path().toStdString());
        const auto path = store.save(sample_run("20260101-000000-a-0001", "2026-01-01T00:00:00Z"));
        QVERIFY(fs::exists(path));
        const RunRecord r = store.load("20260101-000000-a-0001");
        QCOMPARE(r.summary.producer.msgs_per_s, 12345.5);
        QCOMPARE(r.summary.polls, uint64_t{10});
        QCOMPARE(r.ack_histogram.count(), uint64_t{1000});
        QCOMPARE(r.ack_histogram.percentile(99), sample_run("x", "").ack_histogram.percentile(99));
        QCOMPARE(r.client_config.at("producer").at("linger.ms"), std::string("5"));
        QVERIFY(r.verdict.valid);
        // The documented field paths later tools rely on.
        std::ifstream in(path);
        const auto j = nlohmann::json::parse(in);
        for (const char* pointer :
             {"/verdict/valid", "/summary/produced", "/summary/consumed",
              "/summary/producer/msgs_per_s", "/summary/consumer/msgs_per_s",
              "/summary/consumer/polls", "/summary/consumer/messages_per_poll",
              "/summary/consumer/fetches", "/summary/latency/ack_us/p99",
              "/summary/latency/e2e_us/p99"})
            QVERIFY2(j.contains(nlohmann::json::json_pointer(pointer)), pointer);
    }

    void saving_leaves_no_temporary_files_and_replaces_atomically() {
        RunStore store(dir_->path().toStdString());
        auto r = sample_run("20260101-000000-a-0001", "");
        store.save(r);
        r.name = "renamed";
        store.save(r);
        int files = 0;
        for (const auto& e : fs::directory_iterator(store.runs_dir())) {
            ++files;
            QVERIFY2(e.path().extension() == ".json", e.path().c_str());
        }
        QCOMPARE(files, 1);
        QCOMPARE(store.load("20260101-000000-a-0001").name, std::string("renamed"));
    }

    void corrupt_and_truncated_files_are_reported_and_skipped() {
        RunStore store(dir_->path().toStdString());
        store.save(sample_run("20260101-000000-good-0001", "2026-01-01T00:00:00Z"));
        store.save(sample_run("20260102-000000-good-0002", "2026-01-02T00:00:00Z"));
        const auto good = store.path_of("20260101-000000-good-0001");
        std::ifstream in(good);
        std::string text((std::istreambuf_iterator<char>(in)), {});
        write_text(store.runs_dir() / "truncated.json", text.substr(0, text.size() / 2));
        write_text(store.runs_dir() / "garbage.json", "\x01\x02 not json");
        write_text(store.runs_dir() / "other.json", "{\"some\":\"other tool's file\"}");
        write_text(store.runs_dir() / "future.json",
                   "{\"format\":\"ktw-run\",\"format_version\":99}");
        write_text(
            store.runs_dir() / "missing-summary.json",
            "{\"format\":\"ktw-run\",\"format_version\":1,\"id\":\"x\",\"status\":\"completed\"}");
        write_text(store.runs_dir() / "notes.txt", "ignored: not a run file");

        const RunListing listing = store.load_all();
        QCOMPARE(listing.runs.size(), std::size_t{2});
        QCOMPARE(listing.runs[0].id, std::string("20260101-000000-good-0001")); // oldest first
        QCOMPARE(listing.errors.size(), std::size_t{5});
        std::map<std::string, std::string> why;
        for (const auto& e : listing.errors)
            why[e.file.filename().string()] = e.message;
        QVERIFY(why["truncated.json"].find("not valid JSON (truncated or corrupt file)") !=
                std::string::npos);
        QVERIFY(why["garbage.json"].find("not valid JSON") != std::string::npos);
        QVERIFY(why["other.json"].find("not a workbench run record") != std::string::npos);
        QVERIFY(why["future.json"].find("run format version 99 is not supported") !=
                std::string::npos);
        QVERIFY(why["missing-summary.json"].find("field \"summary\"") != std::string::npos);
    }

    void load_by_prefix_file_or_reports_what_is_wrong() {
        RunStore store(dir_->path().toStdString());
        store.save(sample_run("20260101-000000-a-0001", ""));
        store.save(sample_run("20260101-000000-b-0002", ""));
        QCOMPARE(store.load("20260101-000000-a").id, std::string("20260101-000000-a-0001"));
        QCOMPARE(store.load(store.path_of("20260101-000000-b-0002").string()).id,
                 std::string("20260101-000000-b-0002"));
        try {
            store.load("20260101");
            QFAIL("an ambiguous prefix must not load");
        } catch (const std::runtime_error& e) {
            QVERIFY(std::string(e.what()).find("matches 2 runs") != std::string::npos);
        }
        try {
            store.load("nothing-like-it");
            QFAIL("a missing run must not load");
        } catch (const std::runtime_error& e) {
            QVERIFY(std::string(e.what()).find("no run \"nothing-like-it\"") == 0);
        }
    }

    void empty_or_missing_workspace_lists_nothing() {
        RunStore store((dir_->path() + "/does-not-exist").toStdString());
        const auto listing = store.load_all();
        QVERIFY(listing.runs.empty());
        QVERIFY(listing.errors.empty());
    }

    void unwritable_workspace_throws_with_the_path() {
        RunStore store("/proc/ktw-cannot-write-here");
        try {
            store.save(sample_run("x", ""));
            QFAIL("saving into /proc must fail");
        } catch (const std::runtime_error& e) {
            QVERIFY(std::string(e.what()).find("/proc/ktw-cannot-write-here") != std::string::npos);
        }
    }

  private:
    std::unique_ptr<QTemporaryDir> dir_;
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "test_run_store.moc"
