#include "gui/report/report_dialog.h"
#include "gui/widgets/status_color.h"

#include "report/writers/report_writer.h"
#include "report/model/sweep_report.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ktw::gui {
namespace {

const report::ReportFormat kFormats[] = {report::ReportFormat::Html, report::ReportFormat::Pdf,
                                         report::ReportFormat::Markdown, report::ReportFormat::Csv,
                                         report::ReportFormat::Json};

std::vector<RunRecord> records_of(const std::vector<RunPtr>& runs) {
    std::vector<RunRecord> records;
    for (const auto& r : runs)
        records.push_back(*r);
    return records;
}

} // namespace

ReportDialog::ReportDialog(std::vector<RunPtr> runs, const QString& folder, QWidget* parent)
    : ReportDialog(
          report::build_report(records_of(runs)),
          runs.size() > 1 ? tr("Report of a comparison of %1 runs").arg(runs.size())
                          : tr("Report of run %1").arg(QString::fromStdString(runs.at(0)->id)),
          tr("Sections: environment, topic configuration, workload, tuning, producers and "
             "consumers, results with the poll and fetch breakdown, validity, conclusion."),
          [this] { return report::draft_conclusion(*model_); }, folder, parent) {}

ReportDialog::ReportDialog(const SweepResults& sweep, const QString& folder, QWidget* parent)
    : ReportDialog(
          report::build_sweep_report(sweep),
          tr("Report of sweep %1").arg(QString::fromStdString(sweep.id)),
          tr("Sections: what was swept, the points (mean and 95% confidence interval "
             "of each figure), the throughput vs p99 chart with the frontier and the "
             "targets, the best point, conclusion."),
          [sweep] { return report::build_sweep_report(sweep).conclusion; }, folder, parent) {}

ReportDialog::ReportDialog(report::ReportModel model, const QString& title, const QString& sections,
                           std::function<std::string()> draft, const QString& folder,
                           QWidget* parent)
    : QDialog(parent), model_(std::make_unique<report::ReportModel>(std::move(model))),
      draft_(std::move(draft)) {
    setWindowTitle(title);

    format_ = new QComboBox;
    format_->addItems({tr("HTML (self-contained, charts embedded)"), tr("PDF"),
                       tr("Markdown (charts as SVG files beside it)"),
                       model_->sweep ? tr("CSV (one row per point)") : tr("CSV (one row per run)"),
                       tr("JSON")});
    file_ = new QLineEdit;
    file_->setText(QDir(folder).filePath(QString::fromStdString(
        report::default_report_file_name(*model_, report::ReportFormat::Html))));
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Report file"), file_->text());
        if (!path.isEmpty())
            file_->setText(path);
    });
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(file_, 1);
    fileRow->addWidget(browse);

    conclusion_ = new QPlainTextEdit(QString::fromStdString(model_->conclusion));
    conclusion_->setObjectName("conclusion");
    conclusion_->setToolTip(tr("Drafted from the numbers; edit it before exporting"));
    auto* redraft = new QPushButton(tr("Draft again from the numbers"));
    connect(redraft, &QPushButton::clicked, this,
            [this] { conclusion_->setPlainText(QString::fromStdString(draft_())); });

    status_ = new QLabel;
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("Format"), format_);
    form->addRow(tr("File"), fileRow);
    form->addRow(tr("Conclusion"), conclusion_);
    form->addRow(QString(), redraft);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton* exportButton = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    exportButton->setDefault(true);
    connect(exportButton, &QPushButton::clicked, this, &ReportDialog::exportReport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    auto* sectionsLabel = new QLabel(sections);
    sectionsLabel->setWordWrap(true);
    layout->addWidget(sectionsLabel);
    layout->addLayout(form, 1);
    layout->addWidget(status_);
    layout->addWidget(buttons);
    connect(format_, &QComboBox::currentIndexChanged, this, &ReportDialog::onFormatChanged);
    resize(760, 520);
}

ReportDialog::~ReportDialog() = default;

void ReportDialog::onFormatChanged() {
    // Keep the file name's extension in step with the format.
    const QFileInfo info(file_->text());
    const QString ext = report::extension_of(kFormats[format_->currentIndex()]);
    file_->setText(QDir(info.path()).filePath(info.completeBaseName() + "." + ext));
}

bool ReportDialog::exportReport() {
    const QString path = file_->text().trimmed();
    if (path.isEmpty()) {
        status_->setText(status_span(Status::Bad, tr("Choose a file to write.")));
        return false;
    }
    model_->conclusion = conclusion_->toPlainText().toStdString();
    try {
        QDir().mkpath(QFileInfo(path).absolutePath());
        const auto files =
            report::write_report(*model_, kFormats[format_->currentIndex()], path.toStdString());
        written_.clear();
        for (const auto& f : files)
            written_ << QString::fromStdString(f.string());
        status_->setText(status_span(Status::Good, tr("Written: %1").arg(written_.join(", ").toHtmlEscaped())));
        return true;
    } catch (const std::exception& e) {
        status_->setText(status_span(Status::Bad, tr("Not written: %1")
                                                  .arg(QString::fromStdString(e.what()).toHtmlEscaped())));
        return false;
    }
}

} // namespace ktw::gui
