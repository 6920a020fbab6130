// GUI responsiveness while the engine runs flat out on the embedded cluster: plot frames per
// second on the run page and the longest stall of the GUI event loop.
// Columns: frame ticks/s = the 30 ms frame timer's ticks the GUI thread served (its frame
// capacity); data/s = interval snapshots that arrived; drawn/s = frames actually drawn (a frame
// is drawn only when data arrived, so drawn/s = min(ticks/s, data/s) when the GUI keeps up).
// Targets (issue 3): at least 30 plot frames a second, no stall over 50 ms.
//   gui_responsiveness [rounds]      (QT_QPA_PLATFORM=offscreen, or under Xvfb)
//
// A 5 ms precise timer on the GUI thread records the gap between its ticks; a stall is a gap
// minus the 5 ms period. Frames are QCustomPlot::afterReplot signals of the visible plot.

#include "gui/editor/experiment_editor_page.h"
#include "gui/app/main_window.h"
#include "gui/run/run_controller.h"
#include "gui/run/run_page.h"
#include "gui/run/run_plots.h"
#include "gui/editor/spec_document.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <qcustomplot.h>
#include <vector>

using namespace ktw::gui;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("kafka-tuning-workbench-bench");
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    QTemporaryDir workspace;
    MainWindow w;
    w.setWorkspace(workspace.path());
    w.resize(1400, 900);
    w.show();
    auto* doc = w.editor()->document();
    // Flat out: unlimited rate, 2 producers, 2 consumers, 100-byte messages, 8 partitions.
    doc->setJson(nlohmann::json::parse(R"({
      "name": "gui-bench", "cluster": {"kind": "embedded"},
      "topic": {"name": "gui-bench", "auto_unique": true, "partitions": 8},
      "producer": {"threads": 2, "messages": 1500000, "message_bytes": 100,
                   "keys": {"mode": "round_robin"}},
      "consumer": {"threads": 2, "properties": {"fetch.wait.max.ms": 10}},
      "phases": {"timeout_s": 120},
      "measurement": {"tick_ms": 20}})"));
    // tick_ms 20 (sealed every 20-30 ms): every ~30 ms frame has new data to draw, so the frame
    // rate measures drawing capacity, not the data rate (the default 100 ms tick gives at most
    // 10 new frames a second, and a frame is drawn only when data arrived).

    std::printf("round  produced msg/s  consumed msg/s  frame ticks/s  data/s  drawn/s  draw ms  "
                "stall max ms  stall p99 ms  verdict\n");
    for (int round = 1; round <= rounds; ++round) {
        int frames = 0;
        QCustomPlot* plot = w.runPage()->plots()->plot(RunPlots::Throughput);
        double drawMs = 0;
        auto counter = QObject::connect(plot, &QCustomPlot::afterReplot, [&] {
            ++frames;
            drawMs += plot->replotTime();
        });
        std::vector<double> stalls;
        QElapsedTimer sinceTick;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(5);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            stalls.push_back(std::max(0.0, sinceTick.nsecsElapsed() / 1e6 - 5.0));
            sinceTick.restart();
        });
        w.startRun();
        // Count only while messages flow (producing until drained), not the group join.
        while (w.controller()->running() && w.runPage()->progressBar()->value() == 0)
            QApplication::processEvents(QEventLoop::AllEvents, 5);
        frames = 0;
        drawMs = 0;
        const int ticks0 = w.runPage()->frameTicks();
        const int points0 = w.runPage()->plots()->points();
        QElapsedTimer flowing;
        flowing.start();
        sinceTick.start();
        probe.start();
        // Until every message is acknowledged and consumed, or the run starts finishing (at
        // the end the plots are refilled from the record).
        while (w.controller()->running() && w.runPage()->progressBar()->value() < 1000 &&
               w.runPage()->phaseLabel()->text() != "finishing")
            QApplication::processEvents(QEventLoop::AllEvents, 5);
        probe.stop();
        const double seconds = flowing.nsecsElapsed() / 1e9;
        const int measuredFrames = frames;
        const double tickRate = (w.runPage()->frameTicks() - ticks0) / seconds;
        const double dataRate = (w.runPage()->plots()->points() - points0) / seconds;
        while (w.controller()->running())
            QApplication::processEvents(QEventLoop::AllEvents, 5);
        QApplication::processEvents();
        QObject::disconnect(counter);
        std::sort(stalls.begin(), stalls.end());
        const double p99 = stalls.empty() ? 0 : stalls[stalls.size() * 99 / 100];
        const double max = stalls.empty() ? 0 : stalls.back();
        const auto run = w.lastRun();
        std::printf(
            "%5d  %14.0f  %14.0f  %13.1f  %6.1f  %7.1f  %7.1f  %12.1f  %12.1f  %s (%.1f s flowing, "
            "%zu probes)\n",
            round, run->summary.producer.msgs_per_s, run->summary.consumer.msgs_per_s, tickRate,
            dataRate, measuredFrames / seconds, measuredFrames ? drawMs / measuredFrames : 0.0, max,
            p99, run->verdict.valid ? "valid" : "INVALID", seconds, stalls.size());
        std::fflush(stdout);
    }
    return 0;
}
