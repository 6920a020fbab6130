#pragma once
// Export a report of one run or a comparison: the format, the file, and the conclusion
// (drafted from the numbers, editable before export).

#include "run_library_model.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace ktw::gui {

class ReportDialog : public QDialog {
    Q_OBJECT
  public:
    ReportDialog(std::vector<RunPtr> runs, QWidget* parent = nullptr);

    QComboBox* formatBox() const { return format_; }
    QLineEdit* fileEdit() const { return file_; }
    QPlainTextEdit* conclusionEdit() const { return conclusion_; }
    /// Writes the report with the dialog's choices; false with the reason in the dialog.
    bool exportReport();

  private:
    void syncExtension();

    std::vector<RunPtr> runs_;
    QComboBox* format_;
    QLineEdit* file_;
    QPlainTextEdit* conclusion_;
    QLabel* status_;
};

} // namespace ktw::gui
