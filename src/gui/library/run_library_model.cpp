#include "gui/library/run_library_model.h"
#include "gui/widgets/status_color.h"

#include "core/util/text_format.h"

#include <QColor>
#include <QDateTime>

namespace ktw::gui {
namespace {

QString text(const nlohmann::json& v) {
    return QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
}

} // namespace

QString display_name(const RunRecord& r) {
    if (r.user.is_object() && r.user.contains("name") && r.user["name"].is_string() &&
        !r.user["name"].get<std::string>().empty())
        return QString::fromStdString(r.user["name"].get<std::string>());
    return QString::fromStdString(r.name);
}

QStringList run_tags(const RunRecord& r) {
    QStringList tags;
    if (r.user.is_object() && r.user.contains("tags") && r.user["tags"].is_array())
        for (const auto& t : r.user["tags"])
            if (t.is_string())
                tags << QString::fromStdString(t.get<std::string>());
    return tags;
}

QString key_settings(const RunRecord& r) {
    const auto& s = r.effective_spec.is_object() ? r.effective_spec : r.spec;
    QStringList parts;
    auto at = [&](const char* ptr) -> nlohmann::json {
        const nlohmann::json::json_pointer p(ptr);
        return s.contains(p) ? s.at(p) : nlohmann::json();
    };
    if (auto p = at("/topic/partitions"); p.is_number())
        parts << QObject::tr("%1 partition(s)").arg(p.get<int>());
    parts << QString("%1P/%2C").arg(text(at("/producer/threads")), text(at("/consumer/threads")));
    if (auto b = at("/producer/message_bytes"); b.is_number())
        parts << QString("%1 B").arg(b.get<int>());
    QStringList props;
    for (const char* section : {"/producer/properties", "/consumer/properties"})
        if (auto p = at(section); p.is_object())
            for (const auto& [k, v] : p.items())
                props << QString::fromStdString(k) + "=" + text(v);
    if (!props.isEmpty())
        parts << props.join(' ');
    return parts.join(QString::fromUtf8(" · "));
}

void RunLibraryModel::setRuns(std::vector<RunPtr> runs) {
    beginResetModel();
    runs_ = std::move(runs);
    endResetModel();
}

void RunLibraryModel::replaceRun(const RunPtr& run) {
    const int row = rowOf(run->id);
    if (row < 0)
        return;
    runs_[static_cast<std::size_t>(row)] = run;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

RunPtr RunLibraryModel::runAt(int row) const {
    if (row < 0 || row >= static_cast<int>(runs_.size()))
        return nullptr;
    return runs_[static_cast<std::size_t>(row)];
}

int RunLibraryModel::rowOf(const std::string& id) const {
    for (std::size_t i = 0; i < runs_.size(); ++i)
        if (runs_[i]->id == id)
            return static_cast<int>(i);
    return -1;
}

int RunLibraryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(runs_.size());
}

int RunLibraryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunLibraryModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char* names[] = {"Started (UTC)",  "Name",           "Tags",       "Key settings",
                                  "Produced msg/s", "Consumed msg/s", "Ack p99 ms", "E2E p99 ms",
                                  "Msgs/poll",      "Fetches",        "Verdict"};
    return tr(names[section]);
}

QVariant RunLibraryModel::data(const QModelIndex& index, int role) const {
    const RunPtr r = runAt(index.row());
    if (!r)
        return {};
    const auto& s = r->summary;
    const bool consumers = !s.consumers.empty();
    auto ms = [](uint64_t us) { return static_cast<double>(us) / 1000.0; };
    // Sort values (UserRole) are raw numbers; display values are formatted.
    QVariant raw;
    QString shown;
    switch (index.column()) {
    case Started:
        shown = QString::fromStdString(r->environment.started_at).replace('T', ' ').left(19);
        raw = QString::fromStdString(r->environment.started_at);
        break;
    case Name:
        raw = shown = display_name(*r);
        break;
    case Tags:
        raw = shown = run_tags(*r).join(", ");
        break;
    case Settings:
        raw = shown = key_settings(*r);
        break;
    case ProducedRate:
        raw = s.producer.msgs_per_s;
        shown = QString::fromStdString(format_decimal(s.producer.msgs_per_s, 0));
        break;
    case ConsumedRate:
        raw = consumers ? s.consumer.msgs_per_s : -1.0;
        shown = consumers ? QString::fromStdString(format_decimal(s.consumer.msgs_per_s, 0)) : "-";
        break;
    case AckP99:
        raw = ms(s.ack_us.p99_us);
        shown = s.ack_us.count ? QString::number(ms(s.ack_us.p99_us), 'f', 2) : "-";
        break;
    case E2eP99:
        raw = ms(s.e2e_us.p99_us);
        shown = s.e2e_us.count ? QString::number(ms(s.e2e_us.p99_us), 'f', 2) : "-";
        break;
    case MessagesPerPoll:
        raw = s.messages_per_poll;
        shown = consumers ? QString::number(s.messages_per_poll, 'f', 1) : "-";
        break;
    case Fetches:
        raw = static_cast<qulonglong>(s.fetches);
        shown = consumers ? QString::fromStdString(format_count(s.fetches)) : "-";
        break;
    case Verdict:
        raw = shown = r->verdict.valid
                          ? tr("valid")
                          : tr("INVALID (%1)").arg(QString::fromStdString(to_string(r->status)));
        break;
    }
    switch (role) {
    case Qt::DisplayRole:
        return shown;
    case Qt::UserRole:
        return raw;
    case Qt::TextAlignmentRole:
        if (index.column() >= ProducedRate && index.column() <= Fetches)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Verdict)
            return status_color(r->verdict.valid ? Status::Good : Status::Bad);
        return {};
    case Qt::ToolTipRole: {
        QString tip = QString::fromStdString(r->id);
        if (!r->verdict.reasons.empty())
            tip += "\n" + QString::fromStdString(r->verdict.reasons.front());
        if (r->user.is_object() && r->user.contains("notes") && r->user["notes"].is_string())
            tip += "\n\n" + QString::fromStdString(r->user["notes"].get<std::string>());
        return tip;
    }
    default:
        return {};
    }
}

} // namespace ktw::gui
