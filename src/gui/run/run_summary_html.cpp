#include "gui/run/run_summary_html.h"

#include "core/util/text_format.h"

#include <QObject>

namespace ktw::gui {
namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}
QString count(uint64_t n) {
    return q(format_count(n));
}
QString dec(double v, int d) {
    return q(format_decimal(v, d));
}
QString ms(uint64_t us) {
    return dec(static_cast<double>(us) / 1000.0, 2);
}

QString latency_row(const QString& label, const LatencySummary& l) {
    if (l.count == 0)
        return {};
    return QString("<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td><td "
                   "align=right>%4</td><td align=right>%5</td><td align=right>%6</td><td "
                   "align=right>%7</td><td align=right>%8</td></tr>")
        .arg(label, dec(l.mean_us / 1000.0, 2), ms(l.p50_us), ms(l.p90_us), ms(l.p99_us),
             ms(l.p999_us), ms(l.max_us), count(l.count));
}

} // namespace

QString verdict_line(const RunRecord& r) {
    if (r.verdict.valid)
        return QObject::tr("VALID");
    QString line = QObject::tr("INVALID");
    if (!r.verdict.reasons.empty())
        line += ": " + QString::fromStdString(r.verdict.reasons.front());
    return line;
}

QString run_summary_html(const RunRecord& r) {
    const auto& s = r.summary;
    QString h;
    const QString color = r.verdict.valid ? "#2e7d32" : "#c62828";
    h += QString("<h3 style='color:%1'>%2</h3>")
             .arg(color, r.verdict.valid ? QObject::tr("Verdict: VALID")
                                         : QObject::tr("Verdict: INVALID"));
    h += "<ul>";
    if (r.verdict.valid && s.audit.acknowledged > 0 && !s.consumers.empty())
        h += QObject::tr("<li>all %1 acknowledged messages consumed exactly once and in order</li>")
                 .arg(count(s.audit.acknowledged));
    for (const auto& reason : r.verdict.reasons)
        h += "<li><b>" + q(reason) + "</b></li>";
    for (const auto& w : r.verdict.warnings)
        h += "<li>" + QObject::tr("warning: ") + q(w) + "</li>";
    h += "</ul>";
    h += QObject::tr("<p>Run <b>%1</b> (%2) · %3 cluster, %4 broker(s) · topic %5, %6 partition(s) "
                     "· librdkafka %7</p>")
             .arg(q(r.id), q(to_string(r.status)), q(r.environment.cluster_kind))
             .arg(r.environment.brokers)
             .arg(q(r.topic.empty() ? "(none)" : r.topic))
             .arg(r.topic_partitions)
             .arg(q(r.environment.librdkafka_version));

    h += "<table cellspacing=0 cellpadding=3 border=1 style='border-collapse:collapse'>";
    h += QObject::tr("<tr><th></th><th>messages</th><th>msgs/s</th><th>MiB/s</th><th>measured "
                     "s</th></tr>");
    h += QString("<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td><td "
                 "align=right>%4</td><td align=right>%5</td></tr>")
             .arg(QObject::tr("produced (acknowledged)"), count(s.produced),
                  dec(s.producer.msgs_per_s, 1), dec(s.producer.mib_per_s, 2),
                  dec(s.producer.seconds, 2));
    if (!s.consumers.empty())
        h += QString("<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td><td "
                     "align=right>%4</td><td align=right>%5</td></tr>")
                 .arg(QObject::tr("consumed"), count(s.consumed), dec(s.consumer.msgs_per_s, 1),
                      dec(s.consumer.mib_per_s, 2), dec(s.consumer.seconds, 2));
    h += "</table>";
    if (s.consume_start_delay_ms > 0)
        h += QObject::tr("<p>First message %1 ms after the consume phase began (resuming the "
                         "paused partitions and the first fetch); not in the measured "
                         "window.</p>")
                 .arg(dec(s.consume_start_delay_ms, 1));
    else
        h += "<br>";

    h += "<table cellspacing=0 cellpadding=3 border=1 style='border-collapse:collapse'>";
    h += QObject::tr("<tr><th>latency (ms)</th><th>avg</th><th>p50</th><th>p90</th><th>p99</th>"
                     "<th>p99.9</th><th>max</th><th>samples</th></tr>");
    h += latency_row(QObject::tr("ack"), s.ack_us);
    h += latency_row(QObject::tr("end-to-end"), s.e2e_us);
    h += latency_row(QObject::tr("send delay"), s.send_delay_us);
    h += "</table>";

    if (!s.consumers.empty()) {
        h += QObject::tr("<p><b>Poll and fetch breakdown</b> (measured: polls counted by the "
                         "workers, fetch requests from librdkafka statistics)</p>");
        h += "<table cellspacing=0 cellpadding=3 border=1 style='border-collapse:collapse'>";
        h += QObject::tr("<tr><th>consumer</th><th>messages</th><th>polls</th><th>non-empty</th>"
                         "<th>msgs/poll</th><th>fetches</th><th>msgs/fetch</th><th>poll interval "
                         "ms</th><th>msgs/s</th></tr>");
        auto row = [&](const QString& name, uint64_t msgs, uint64_t polls, uint64_t nonempty,
                       double per_poll, uint64_t fetches, double per_fetch, double interval,
                       double rate) {
            h += QString("<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td><td "
                         "align=right>%4</td><td align=right>%5</td><td align=right>%6</td><td "
                         "align=right>%7</td><td align=right>%8</td><td align=right>%9</td></tr>")
                     .arg(name, count(msgs), count(polls), count(nonempty), dec(per_poll, 1),
                          count(fetches), dec(per_fetch, 1), dec(interval, 2), dec(rate, 1));
        };
        for (const auto& c : s.consumers)
            row(QString::number(c.index), c.messages, c.polls, c.nonempty_polls,
                c.messages_per_poll, c.fetches, c.messages_per_fetch, c.mean_poll_interval_ms,
                c.msgs_per_s);
        row(QObject::tr("<b>all</b>"), s.consumed, s.polls, s.nonempty_polls, s.messages_per_poll,
            s.fetches, s.messages_per_fetch, s.mean_poll_interval_ms, s.consumer.msgs_per_s);
        h += "</table>";
    }
    if (!r.environment.cluster_notes.empty()) {
        h += "<p style='color:gray'>";
        for (const auto& n : r.environment.cluster_notes)
            h += QObject::tr("note: ") + q(n) + "<br>";
        h += "</p>";
    }
    return h;
}

} // namespace ktw::gui
