#pragma once
// The runs of a workspace as a table: date, name, tags, key settings, headline numbers and
// verdict. Sorting uses the raw numbers (Qt::UserRole), not the formatted text.

#include "core/record/run_record.h"

#include <QAbstractTableModel>
#include <memory>
#include <vector>

namespace ktw::gui {

using RunPtr = std::shared_ptr<const RunRecord>;

/// The user's name for a run (record.user.name), else the experiment name.
QString display_name(const RunRecord& r);
QStringList run_tags(const RunRecord& r);
/// "3 partitions · 2P/2C · 100 B · linger.ms=5 acks=all"
QString key_settings(const RunRecord& r);

class RunLibraryModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        Started,
        Name,
        Tags,
        Settings,
        ProducedRate,
        ConsumedRate,
        AckP99,
        E2eP99,
        MessagesPerPoll,
        Fetches,
        Verdict,
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;

    void setRuns(std::vector<RunPtr> runs);
    void replaceRun(const RunPtr& run); ///< same id: updated user fields
    const std::vector<RunPtr>& runs() const { return runs_; }
    RunPtr runAt(int row) const;
    int rowOf(const std::string& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

  private:
    std::vector<RunPtr> runs_;
};

} // namespace ktw::gui
