#pragma once
// Export a report of one run, a comparison or a sweep: the format, the file, and the
// conclusion (drafted from the numbers by ktw_report, editable before export). The files are
// the same that `ktw-cli report` (and `report --sweep`) writes.

#include "gui/library/run_library_model.h"

#include <QDialog>
#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace ktw {
struct SweepResults;
}
namespace ktw::report {
struct ReportModel;
}

namespace ktw::gui {

class ReportDialog : public QDialog {
    Q_OBJECT
  public:
    /// A run's or a comparison's report. folder: where the file goes by default (the
    /// workspace's reports/ folder).
    ReportDialog(std::vector<RunPtr> runs, const QString& folder, QWidget* parent = nullptr);
    /// A sweep's report: its points, the trade-off chart and the best point.
    ReportDialog(const SweepResults& sweep, const QString& folder, QWidget* parent = nullptr);
    ~ReportDialog() override;

    QComboBox* formatBox() const { return format_; }
    QLineEdit* fileEdit() const { return file_; }
    QPlainTextEdit* conclusionEdit() const { return conclusion_; }
    QLabel* statusLabel() const { return status_; }
    /// Writes the report with the dialog's choices; false with the reason shown in the dialog.
    bool exportReport();
    /// Files written by the last successful export.
    const QStringList& written() const { return written_; }

  private:
    /// draft: the conclusion drafted again from the numbers ("Draft again" button).
    ReportDialog(report::ReportModel model, const QString& title, const QString& sections,
                 std::function<std::string()> draft, const QString& folder, QWidget* parent);
    void onFormatChanged();

    std::unique_ptr<report::ReportModel> model_;
    QComboBox* format_;
    QLineEdit* file_;
    QPlainTextEdit* conclusion_;
    QLabel* status_;
    QStringList written_;
    std::function<std::string()> draft_;
};

} // namespace ktw::gui
