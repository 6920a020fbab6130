#include "gui/compare/compare_table_model.h"
#include "gui/widgets/status_color.h"

#include "core/util/text_format.h"

#include <QColor>
#include <QFont>

namespace ktw::gui {

void CompareTableModel::setComparison(RunComparison comparison, QStringList runNames) {
    beginResetModel();
    c_ = std::move(comparison);
    names_ = std::move(runNames);
    baseline_ = 0;
    rows_.clear();
    rows_.push_back({Row::Heading, 0, tr("Settings that differ")});
    for (std::size_t i = 0; i < c_.settings.size(); ++i)
        rows_.push_back({Row::Setting, static_cast<int>(i), {}});
    if (c_.settings.empty())
        rows_.push_back({Row::Heading, 0, tr("(none: the runs used the same settings)")});
    std::string section;
    for (std::size_t i = 0; i < c_.metrics.size(); ++i) {
        if (c_.metrics[i].section != section) {
            section = c_.metrics[i].section;
            rows_.push_back({Row::Heading, 0, QString::fromStdString(section)});
        }
        rows_.push_back({Row::Metric, static_cast<int>(i), {}});
    }
    rows_.push_back({Row::Verdict, 0, {}});
    endResetModel();
}

void CompareTableModel::setBaseline(int run) {
    baseline_ = std::clamp(run, 0, std::max(0, static_cast<int>(c_.ids.size()) - 1));
    emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

int CompareTableModel::metricRow(const QString& section, const QString& label,
                                 const QString& unit) const {
    for (std::size_t r = 0; r < rows_.size(); ++r) {
        if (rows_[r].kind != Row::Metric)
            continue;
        const auto& m = c_.metrics[static_cast<std::size_t>(rows_[r].index)];
        if (QString::fromStdString(m.section) == section &&
            QString::fromStdString(m.label) == label &&
            (unit.isEmpty() || QString::fromStdString(m.unit) == unit))
            return static_cast<int>(r);
    }
    return -1;
}

std::optional<double> CompareTableModel::deltaPercent(int row, int run) const {
    if (row < 0 || row >= static_cast<int>(rows_.size()) || rows_[row].kind != Row::Metric)
        return std::nullopt;
    const auto& m = c_.metrics[static_cast<std::size_t>(rows_[row].index)];
    const auto& base = m.values[static_cast<std::size_t>(baseline_)];
    const auto& v = m.values[static_cast<std::size_t>(run)];
    if (!base || !v || *base == 0)
        return std::nullopt;
    return (*v - *base) / *base * 100.0;
}

bool CompareTableModel::isBest(int row, int run) const {
    if (row < 0 || row >= static_cast<int>(rows_.size()) || rows_[row].kind != Row::Metric)
        return false;
    const auto best = c_.metrics[static_cast<std::size_t>(rows_[row].index)].best();
    return best && static_cast<int>(*best) == run;
}

int CompareTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int CompareTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : 1 + static_cast<int>(c_.ids.size());
}

QVariant CompareTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        if (section == 0)
            return tr("Figure");
        const int run = section - 1;
        QString name = run < names_.size() ? names_[run] : QString::fromStdString(c_.ids[run]);
        return run == baseline_ ? tr("%1\n(baseline)").arg(name) : name;
    }
    if (role == Qt::ToolTipRole && section > 0)
        return QString::fromStdString(c_.ids[static_cast<std::size_t>(section - 1)]);
    return {};
}

QString CompareTableModel::cellText(const Row& row, int run) const {
    const auto r = static_cast<std::size_t>(run);
    switch (row.kind) {
    case Row::Heading:
        return {};
    case Row::Setting: {
        const QString v =
            QString::fromStdString(c_.settings[static_cast<std::size_t>(row.index)].values[r]);
        return v.isEmpty() ? tr("(default)") : v;
    }
    case Row::Metric: {
        const auto& m = c_.metrics[static_cast<std::size_t>(row.index)];
        if (!m.values[r])
            return "-";
        QString text = QString::fromStdString(format_metric_value(m, m.values[r]));
        if (run != baseline_) {
            const auto& base = m.values[static_cast<std::size_t>(baseline_)];
            if (base)
                text +=
                    "  (" + QString::fromStdString(format_delta_percent(*base, *m.values[r])) + ")";
        }
        return text;
    }
    case Row::Verdict:
        return c_.valid[r] ? tr("valid")
                           : tr("INVALID: %1")
                                 .arg(c_.verdict_reasons[r].empty()
                                          ? QString()
                                          : QString::fromStdString(c_.verdict_reasons[r].front()));
    }
    return {};
}

QVariant CompareTableModel::data(const QModelIndex& index, int role) const {
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    const int run = index.column() - 1;
    if (role == Qt::DisplayRole) {
        if (index.column() == 0) {
            switch (row.kind) {
            case Row::Heading:
                return row.heading;
            case Row::Setting:
                return "  " +
                       QString::fromStdString(c_.settings[static_cast<std::size_t>(row.index)].key);
            case Row::Metric: {
                const auto& m = c_.metrics[static_cast<std::size_t>(row.index)];
                return "  " + QString::fromStdString(m.label) +
                       (m.unit.empty() ? QString() : " (" + QString::fromStdString(m.unit) + ")");
            }
            case Row::Verdict:
                return tr("verdict");
            }
        }
        return cellText(row, run);
    }
    if (role == Qt::FontRole &&
        (row.kind == Row::Heading || (run >= 0 && isBest(index.row(), run)))) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::BackgroundRole && run >= 0 && isBest(index.row(), run))
        return QColor(76, 175, 80, 70); // green tint, readable on light and dark themes
    if (role == Qt::ForegroundRole && row.kind == Row::Verdict && run >= 0)
        return status_color(c_.valid[static_cast<std::size_t>(run)] ? Status::Good : Status::Bad);
    if (role == Qt::TextAlignmentRole && index.column() > 0 && row.kind == Row::Metric)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && run >= 0 && isBest(index.row(), run))
        return tr("best value of this row");
    return {};
}

} // namespace ktw::gui
