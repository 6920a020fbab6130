#include "report_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace ktw::gui {

ReportDialog::ReportDialog(std::vector<RunPtr> runs, QWidget* parent)
    : QDialog(parent), runs_(std::move(runs)) {
    format_ = new QComboBox;
    file_ = new QLineEdit;
    conclusion_ = new QPlainTextEdit;
    status_ = new QLabel;
    auto* form = new QFormLayout;
    form->addRow(tr("Format"), format_);
    form->addRow(tr("File"), file_);
    form->addRow(tr("Conclusion"), conclusion_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(status_);
}

bool ReportDialog::exportReport() {
    return false;
}
void ReportDialog::syncExtension() {}

} // namespace ktw::gui
