#include "gui/editor/experiment_editor_page.h"
#include "gui/widgets/status_color.h"

#include "gui/widgets/advisor_panel.h"
#include "core/spec/client_presets.h"
#include "gui/editor/experiment_form.h"
#include "core/spec/experiment_library.h"
#include "gui/editor/experiment_library_panel.h"
#include "gui/widgets/field_binder.h"
#include "core/spec/properties_file.h"
#include "engine/kafka/property_catalog.h"
#include "core/advisor/spec_advisor.h"
#include "core/sweep/sweep_plan.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <fstream>
#include <sstream>

namespace ktw::gui {
namespace {

std::string read_text(const QString& path) {
    std::ifstream in(path.toStdString());
    if (!in)
        throw std::runtime_error("cannot read " + path.toStdString());
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

ExperimentEditorPage::ExperimentEditorPage(QWidget* parent)
    : QWidget(parent), doc_(new SpecDocument(this)) {
    form_ = new ExperimentForm(doc_);
    auto* binder = form_->binder();
    name_ = binder->textField("name", tr("Run name: the run id and default topic/group names "
                                         "are built from it"));
    description_ = binder->textField("description", tr("What this experiment tests"));
    auto* header = new QFormLayout;
    header->addRow(tr("Name"), name_);
    header->addRow(tr("Description"), description_);

    auto* toolbar = new QHBoxLayout;
    auto button = [&](const QString& text, const QString& tip, auto slot) {
        auto* b = new QToolButton;
        b->setText(text);
        b->setToolTip(tip);
        connect(b, &QToolButton::clicked, this, slot);
        toolbar->addWidget(b);
        return b;
    };
    button(tr("New"), tr("A new experiment with the quickstart's settings"),
           &ExperimentEditorPage::newExperiment);
    button(tr("Open…"), tr("Open an experiment JSON file"), &ExperimentEditorPage::openDialog);
    button(tr("Save"), tr("Save the experiment JSON"), &ExperimentEditorPage::save);
    button(tr("Save as…"), tr("Save the experiment JSON under a new name"),
           &ExperimentEditorPage::saveAsDialog);
    presets_ = new QMenu(this);
    for (std::size_t i = 0; i < client_presets().size(); ++i) {
        const auto& p = client_presets()[i];
        QAction* a = presets_->addAction(QString::fromStdString(p.name));
        a->setToolTip(QString::fromStdString(p.description));
        a->setStatusTip(QString::fromStdString(p.description));
        connect(a, &QAction::triggered, this, [this, i] { applyPreset(static_cast<int>(i)); });
    }
    presets_->setToolTipsVisible(true);
    auto* presetButton = new QToolButton;
    presetButton->setText(tr("Presets"));
    presetButton->setToolTip(tr("Client settings from the deep-dive notes"));
    presetButton->setMenu(presets_);
    presetButton->setPopupMode(QToolButton::InstantPopup);
    toolbar->addWidget(presetButton);
    button(tr("Import .properties…"), tr("Read a Kafka client .properties file into the spec"),
           &ExperimentEditorPage::importPropertiesDialog);
    button(tr("Export .properties…"),
           tr("Write the producer or consumer properties as a "
              ".properties file"),
           &ExperimentEditorPage::exportPropertiesDialog);
    toolbar->addStretch(1);
    hint_ = new QLabel;
    toolbar->addWidget(hint_);
    runButton_ = new QPushButton(tr("Run"));
    runButton_->setToolTip(tr("Run this experiment (Ctrl+R)"));
    runButton_->setDefault(true);
    connect(runButton_, &QPushButton::clicked, this, [this] {
        doc_->validateNow();
        if (canRun())
            emit runRequested();
    });
    toolbar->addWidget(runButton_);

    json_ = new QPlainTextEdit;
    json_->setObjectName("specJson");
    json_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    json_->setLineWrapMode(QPlainTextEdit::NoWrap);
    jsonStatus_ = new QLabel;
    jsonStatus_->setWordWrap(true);
    auto* jsonPane = new QWidget;
    auto* jsonLayout = new QVBoxLayout(jsonPane);
    jsonLayout->setContentsMargins(0, 0, 0, 0);
    jsonLayout->addWidget(new QLabel(tr("Experiment JSON (in sync with the form)")));
    jsonLayout->addWidget(json_, 1);
    jsonLayout->addWidget(jsonStatus_);
    auto* jsonTimer = new QTimer(this);
    jsonTimer->setSingleShot(true);
    jsonTimer->setInterval(400);
    connect(json_, &QPlainTextEdit::textChanged, jsonTimer, qOverload<>(&QTimer::start));
    connect(jsonTimer, &QTimer::timeout, this, &ExperimentEditorPage::onJsonEdited);

    problems_ = new QListWidget;
    problems_->setObjectName("problems");
    problems_->setMaximumHeight(110);
    connect(problems_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        form_->focusField(item->data(Qt::UserRole).toString().toStdString());
    });
    connect(problems_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        form_->focusField(item->data(Qt::UserRole).toString().toStdString());
    });

    advisor_ = new AdvisorPanel(tr("Advisor"), /*clickable=*/true);
    advisor_->setObjectName("specAdvisor");
    connect(advisor_, &AdvisorPanel::fieldActivated, this,
            [this](const QString& field) { form_->focusField(field.toStdString()); });
    auto* side = new QSplitter(Qt::Vertical);
    side->addWidget(jsonPane);
    side->addWidget(advisor_);
    side->setStretchFactor(0, 1);
    side->setStretchFactor(1, 1);
    side->setSizes({380, 320});

    library_ = new ExperimentLibraryPanel;
    connect(library_, &ExperimentLibraryPanel::openRequested, this,
            &ExperimentEditorPage::openFromLibrary);
    connect(library_, &ExperimentLibraryPanel::saveRequested, this,
            &ExperimentEditorPage::saveAsExperimentDialog);

    auto* split = new QSplitter(Qt::Horizontal);
    split->setObjectName("editorSplit");
    split->addWidget(library_);
    split->addWidget(form_);
    split->addWidget(side);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    split->setSizes({300, 600, 400});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(toolbar);
    layout->addLayout(header);
    layout->addWidget(split, 1);
    layout->addWidget(problems_);

    connect(doc_, &SpecDocument::changed, this, [this](QObject* origin) {
        if (origin != json_) {
            QSignalBlocker block(json_);
            json_->setPlainText(QString::fromStdString(doc_->json().dump(2)));
            jsonStatus_->clear();
        }
        updateWidgets();
    });
    connect(doc_, &SpecDocument::validated, this, &ExperimentEditorPage::onValidated);
    connect(doc_, &SpecDocument::modifiedChanged, this, &ExperimentEditorPage::updateWidgets);
    newExperiment();
}

void ExperimentEditorPage::newExperiment() {
    file_.clear();
    // The quickstart's settings: a spec that runs valid in seconds on the embedded cluster.
    doc_->setJson(nlohmann::json::parse(R"({
  "name": "experiment",
  "cluster": {"kind": "embedded", "brokers": 1},
  "topic": {"name": "experiment", "auto_unique": true, "partitions": 3},
  "producer": {"threads": 2, "messages": 200000, "message_bytes": 100,
               "keys": {"mode": "distinct", "count": 1000}, "target_rate": 50000,
               "properties": {"linger.ms": 5, "acks": "all"}},
  "consumer": {"threads": 2, "mode": "group", "properties": {"fetch.wait.max.ms": 10}},
  "phases": {"mode": "concurrent", "warmup_s": 1, "timeout_s": 60}
})"));
    doc_->validateNow();
    doc_->setModified(false);
}

bool ExperimentEditorPage::openFile(const QString& path, bool quiet) {
    try {
        const std::string text = read_text(path);
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(text);
        } catch (const nlohmann::json::parse_error& e) {
            throw std::runtime_error(QFileInfo(path).fileName().toStdString() +
                                     " is not valid JSON: " + e.what());
        }
        if (!j.is_object())
            throw std::runtime_error("an experiment spec is a JSON object; this file holds " +
                                     std::string(j.type_name()));
        file_ = path;
        doc_->setJson(j);
        doc_->validateNow();
        doc_->setModified(false);
        return true;
    } catch (const std::exception& e) {
        if (!quiet)
            QMessageBox::warning(this, tr("Cannot open experiment"),
                                 tr("%1\n\nThe experiment in the editor is unchanged.")
                                     .arg(QString::fromStdString(e.what())));
        return false;
    }
}

void ExperimentEditorPage::openDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open experiment"), file_,
                                                      tr("Experiment JSON (*.json)"));
    if (!path.isEmpty())
        openFile(path);
}

bool ExperimentEditorPage::saveTo(const QString& path) {
    QFile f(path);
    // QSaveFile-like safety: write a temporary file, then rename over the old one.
    const QString tmp = path + ".tmp";
    QFile out(tmp);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        out.write(QByteArray::fromStdString(doc_->json().dump(2) + "\n")) < 0 || !out.flush()) {
        QMessageBox::warning(this, tr("Cannot save experiment"),
                             tr("%1: %2").arg(path, out.errorString()));
        out.remove();
        return false;
    }
    out.close();
    f.remove();
    if (!QFile::rename(tmp, path)) {
        QMessageBox::warning(this, tr("Cannot save experiment"), tr("%1: rename failed").arg(path));
        return false;
    }
    file_ = path;
    doc_->setModified(false);
    return true;
}

bool ExperimentEditorPage::save() {
    if (isShipped(file_)) // shipped experiments stay as shipped; a changed one becomes yours
        return saveAsExperimentDialog();
    return file_.isEmpty() ? saveAsDialog() : saveTo(file_);
}

bool ExperimentEditorPage::isShipped(const QString& path) const {
    const QString shipped = library_ ? library_->shippedFolder() : QString();
    return !path.isEmpty() && !shipped.isEmpty() &&
           QDir::cleanPath(path).startsWith(QDir::cleanPath(shipped) + "/");
}

void ExperimentEditorPage::setWorkspace(const QString& workspace) {
    library_->setFolders(shipped_experiments_folder(), QDir(workspace).filePath("experiments"));
}

bool ExperimentEditorPage::openFromLibrary(const QString& path) {
    if (doc_->modified() &&
        QMessageBox::question(this, tr("Open experiment"),
                              tr("The experiment in the editor has unsaved changes. Open %1 "
                                 "instead and lose them?")
                                  .arg(QFileInfo(path).fileName()),
                              QMessageBox::Open | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Open)
        return false;
    return openFile(path);
}

QString ExperimentEditorPage::saveAsExperiment(const QString& name, bool replace) {
    const QString folder = library_->userFolder();
    if (folder.isEmpty() || name.trimmed().isEmpty())
        return {};
    const std::string stem = experiment_file_stem(name.trimmed().toStdString());
    const QString path = QDir(folder).filePath(QString::fromStdString(stem) + ".json");
    if (!replace && QFileInfo::exists(path) &&
        QMessageBox::question(
            this, tr("Save as experiment"),
            tr("%1 exists among your experiments. Replace it?").arg(QFileInfo(path).fileName()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return {};
    if (doc_->value("name") != name.trimmed().toStdString())
        doc_->setValue("name", name.trimmed().toStdString());
    try {
        save_experiment(folder.toStdString(), stem, doc_->json());
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Cannot save experiment"), QString::fromStdString(e.what()));
        return {};
    }
    file_ = path;
    doc_->setModified(false);
    library_->reload();
    library_->selectFile(path);
    updateWidgets();
    return path;
}

bool ExperimentEditorPage::saveAsExperimentDialog() {
    bool ok = false;
    const QString current = QString::fromStdString(
        doc_->value("name").is_string() ? doc_->value("name").get<std::string>() : "experiment");
    const QString name =
        QInputDialog::getText(this, tr("Save as experiment"),
                              tr("Name (saved as <name>.json in %1):")
                                  .arg(QDir::toNativeSeparators(library_->userFolder())),
                              QLineEdit::Normal, current, &ok);
    return ok && !saveAsExperiment(name).isEmpty();
}

bool ExperimentEditorPage::saveAsDialog() {
    QString suggestion = file_;
    if (suggestion.isEmpty())
        suggestion = QString::fromStdString(doc_->value("name").get<std::string>()) + ".json";
    const QString path = QFileDialog::getSaveFileName(this, tr("Save experiment"), suggestion,
                                                      tr("Experiment JSON (*.json)"));
    return !path.isEmpty() && saveTo(path);
}

void ExperimentEditorPage::applyPreset(int index) {
    const auto& preset = client_presets().at(static_cast<std::size_t>(index));
    for (const auto& [k, v] : preset.producer)
        doc_->setValue("producer.properties." + k, v);
    for (const auto& [k, v] : preset.consumer)
        doc_->setValue("consumer.properties." + k, v);
}

void ExperimentEditorPage::importPropertiesDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import .properties"), QString(),
                                                      tr("Kafka client properties (*.properties);;"
                                                         "All files (*)"));
    if (path.isEmpty())
        return;
    bool ok = false;
    const QString role =
        QInputDialog::getItem(this, tr("Import .properties"), tr("Apply these properties to the"),
                              {tr("producer"), tr("consumer")}, 0, false, &ok);
    if (!ok)
        return;
    try {
        nlohmann::json spec = doc_->json();
        const auto result = import_properties(
            spec, role == tr("producer") ? ClientRole::Producer : ClientRole::Consumer,
            parse_properties_text(read_text(path)));
        doc_->setJson(spec);
        QString notes;
        for (const auto& n : result.notes)
            notes += "\n• " + QString::fromStdString(n);
        QMessageBox::information(this, tr("Import .properties"),
                                 tr("%1 setting(s) applied to the %2.%3")
                                     .arg(result.applied)
                                     .arg(role, notes.isEmpty() ? QString() : "\n" + notes));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Cannot import"), QString::fromStdString(e.what()));
    }
}

void ExperimentEditorPage::exportPropertiesDialog() {
    bool ok = false;
    const QString role =
        QInputDialog::getItem(this, tr("Export .properties"), tr("Write the properties of the"),
                              {tr("producer"), tr("consumer")}, 0, false, &ok);
    if (!ok)
        return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export .properties"), role + ".properties",
                                     tr("Kafka client properties (*.properties)"));
    if (path.isEmpty())
        return;
    QFile out(path);
    const std::string text = export_properties(
        doc_->json(), role == tr("producer") ? ClientRole::Producer : ClientRole::Consumer);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        out.write(QByteArray::fromStdString(text)) < 0)
        QMessageBox::warning(this, tr("Cannot export"), tr("%1: %2").arg(path, out.errorString()));
}

void ExperimentEditorPage::onJsonEdited() {
    try {
        const auto j = nlohmann::json::parse(json_->toPlainText().toStdString());
        if (!j.is_object()) {
            jsonStatus_->setText(status_span(Status::Bad, tr("The spec must be a JSON object; "
                                    "the form keeps the last valid text.")));
            return;
        }
        jsonStatus_->clear();
        doc_->setJson(j, json_);
    } catch (const nlohmann::json::parse_error& e) {
        jsonStatus_->setText(status_span(Status::Bad, tr("Not valid JSON (%1); the form keeps "
                                "the last valid text.")
                                 .arg(QString::fromStdString(e.what()).toHtmlEscaped())));
    }
}

void ExperimentEditorPage::onValidated() {
    advice_ = advise_spec(doc_->json(), [](const std::string& name) {
        return find_librdkafka_property(name) != nullptr;
    });
    advisor_->setAdvice(advice_, doc_->errors().empty()
                                     ? tr("Nothing to remark: no rule of the advisor applies to "
                                          "this experiment.")
                                     : tr("Nothing to remark on the fields that can be checked "
                                          "while the problems below remain."));
    showProblems();
}

void ExperimentEditorPage::showProblems() {
    problems_->clear();
    for (const auto& e : doc_->errors()) {
        QString text = QString::fromStdString(e.to_string());
        // The advisor explains refusals it recognises (a Java or Python property name, ...).
        for (const auto& a : advice_for_field(advice_, e.path))
            text += tr("\n    Advisor: %1. %2")
                        .arg(QString::fromStdString(a.title), QString::fromStdString(a.suggestion));
        auto* item = new QListWidgetItem(text);
        item->setData(Qt::UserRole, QString::fromStdString(e.path));
        item->setForeground(status_color(Status::Bad, palette()));
        problems_->addItem(item);
    }
    problems_->setVisible(!doc_->errors().empty());
    updateWidgets();
}

bool ExperimentEditorPage::canRun() const {
    return doc_->errors().empty() && !doc_->validationPending();
}

void ExperimentEditorPage::setRunning(bool running) {
    running_ = running;
    updateWidgets();
}

void ExperimentEditorPage::updateWidgets() {
    const auto n = doc_->errors().size();
    const bool pending = doc_->validationPending();
    runButton_->setEnabled(!running_ && n == 0);
    runButton_->setText(has_sweep(doc_->json()) ? tr("Run sweep") : tr("Run"));
    if (running_)
        hint_->setText(tr("A run is going on"));
    else if (n > 0)
        hint_->setText(status_span(Status::Bad, tr("%n problem(s): fix to run", "",
                          static_cast<int>(n))));
    else
        hint_->setText(pending ? tr("checking…") : tr("Ready to run"));
    QString title = QString::fromStdString(doc_->value("name").is_string()
                                               ? doc_->value("name").get<std::string>()
                                               : std::string("experiment"));
    if (!file_.isEmpty())
        title += " — " + QFileInfo(file_).fileName() + (isShipped(file_) ? tr(" (shipped)") : "");
    emit titleChanged(title + (doc_->modified() ? " *" : ""));
}

} // namespace ktw::gui
