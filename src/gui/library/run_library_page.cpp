#include "gui/library/run_library_page.h"
#include "gui/widgets/status_color.h"

#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <filesystem>

namespace ktw::gui {

RunLibraryPage::RunLibraryPage(QWidget* parent)
    : QWidget(parent), store_(std::make_unique<RunStore>(default_workspace())),
      model_(new RunLibraryModel(this)), proxy_(new QSortFilterProxyModel(this)) {
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(Qt::UserRole);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

    filter_ = new QLineEdit;
    filter_->setPlaceholderText(tr("Filter: name, tag, setting, verdict…"));
    filter_->setClearButtonEnabled(true);
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);

    auto* bar = new QHBoxLayout;
    auto button = [&](const QString& text, const QString& tip, auto slot) {
        auto* b = new QToolButton;
        b->setText(text);
        b->setToolTip(tip);
        connect(b, &QToolButton::clicked, this, slot);
        bar->addWidget(b);
        return b;
    };
    needsSelection_.push_back(
        button(tr("Open"), tr("Show the run's plots and summary (Enter)"), [this] {
            if (auto runs = selectedRuns(); !runs.empty())
                emit openRun(runs.front());
        }));
    needsTwo_.push_back(button(tr("Compare"), tr("Compare the selected runs (Ctrl+Shift+C)"),
                               [this] { emit compareRuns(selectedRuns()); }));
    needsSelection_.push_back(button(tr("Report…"), tr("Export a report of the selected runs"),
                                     [this] { emit exportReport(selectedRuns()); }));
    needsSelection_.push_back(button(tr("Rename…"), tr("Give the run a name of your own"),
                                     &RunLibraryPage::renameSelected));
    needsSelection_.push_back(button(tr("Tags…"), tr("Comma-separated tags, e.g. baseline, lz4"),
                                     &RunLibraryPage::editTagsSelected));
    needsSelection_.push_back(button(tr("Notes…"), tr("Free-text notes kept with the run"),
                                     &RunLibraryPage::editNotesSelected));
    needsSelection_.push_back(button(tr("Delete…"),
                                     tr("Delete the selected runs' files (asks first)"),
                                     &RunLibraryPage::deleteSelected));
    button(tr("Refresh"), tr("Read the workspace again"), &RunLibraryPage::reload);
    bar->addWidget(filter_, 1);
    count_ = new QLabel;
    bar->addWidget(count_);

    banner_ = new QLabel;
    banner_->setObjectName("libraryProblems");
    banner_->setWordWrap(true);
    banner_->setStyleSheet(status_style(Status::Warning));
    banner_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    banner_->hide();

    view_ = new QTableView;
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(RunLibraryModel::Started, Qt::DescendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(RunLibraryModel::Settings,
                                                    QHeaderView::Stretch);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    connect(view_, &QTableView::doubleClicked, this, [this] {
        if (auto runs = selectedRuns(); !runs.empty())
            emit openRun(runs.front());
    });
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateWidgets();
        emit selectionChanged();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(banner_);
    layout->addWidget(view_, 1);

    // Runs written by ktw-cli (or another window) appear without a manual refresh.
    watcher_ = new QFileSystemWatcher(this);
    reloadTimer_.setSingleShot(true);
    reloadTimer_.setInterval(300);
    connect(&reloadTimer_, &QTimer::timeout, this, &RunLibraryPage::reload);
    connect(watcher_, &QFileSystemWatcher::directoryChanged, &reloadTimer_,
            qOverload<>(&QTimer::start));
    updateWidgets();
}

void RunLibraryPage::setWorkspace(const QString& path) {
    store_ = std::make_unique<RunStore>(path.toStdString());
    if (!watcher_->directories().isEmpty())
        watcher_->removePaths(watcher_->directories());
    std::error_code ec;
    std::filesystem::create_directories(store_->runs_dir(), ec); // reported by reload if it fails
    watcher_->addPath(QString::fromStdString(store_->runs_dir().string()));
    reload();
}

QString RunLibraryPage::workspace() const {
    return QString::fromStdString(store_->workspace().string());
}

void RunLibraryPage::reload() {
    std::vector<std::string> selected;
    for (const auto& r : selectedRuns())
        selected.push_back(r->id);
    RunListing listing = store_->load_all();
    std::vector<RunPtr> runs;
    for (auto& r : listing.runs)
        runs.push_back(std::make_shared<const RunRecord>(std::move(r)));
    model_->setRuns(std::move(runs));
    if (listing.errors.empty()) {
        banner_->hide();
    } else {
        QString text = tr("%n run file(s) could not be read and were skipped (the other runs are "
                          "listed):",
                          "", static_cast<int>(listing.errors.size()));
        for (const auto& e : listing.errors)
            text += "\n• " + QString::fromStdString(e.file.filename().string()) + ": " +
                    QString::fromStdString(e.message);
        banner_->setText(text);
        banner_->show();
    }
    for (const auto& id : selected)
        selectRun(id);
    updateWidgets();
}

std::vector<RunPtr> RunLibraryPage::selectedRuns() const {
    std::vector<RunPtr> runs;
    QModelIndexList rows = view_->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const auto& index : rows)
        if (auto r = model_->runAt(proxy_->mapToSource(index).row()))
            runs.push_back(r);
    return runs;
}

void RunLibraryPage::selectRun(const std::string& id) {
    const int row = model_->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = proxy_->mapFromSource(model_->index(row, 0));
    view_->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view_->scrollTo(index);
}

bool RunLibraryPage::saveUserFields(const RunPtr& run, const nlohmann::json& user) {
    auto updated = std::make_shared<RunRecord>(*run);
    updated->user = user;
    try {
        store_->save(*updated);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Cannot save"),
                             tr("The change was not saved: %1\nThe run file is unchanged.")
                                 .arg(QString::fromStdString(e.what())));
        return false;
    }
    model_->replaceRun(updated);
    return true;
}

void RunLibraryPage::renameSelected() {
    const auto runs = selectedRuns();
    if (runs.empty())
        return;
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Rename run"), tr("Name (empty: the experiment's name)"),
                              QLineEdit::Normal, display_name(*runs.front()), &ok);
    if (!ok)
        return;
    nlohmann::json user =
        runs.front()->user.is_object() ? runs.front()->user : nlohmann::json::object();
    user["name"] = name.trimmed().toStdString();
    saveUserFields(runs.front(), user);
}

void RunLibraryPage::editTagsSelected() {
    const auto runs = selectedRuns();
    if (runs.empty())
        return;
    bool ok = false;
    const QString text =
        QInputDialog::getText(this, tr("Tags"), tr("Comma-separated tags"), QLineEdit::Normal,
                              run_tags(*runs.front()).join(", "), &ok);
    if (!ok)
        return;
    nlohmann::json tags = nlohmann::json::array();
    for (const QString& t : text.split(',', Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty())
            tags.push_back(t.trimmed().toStdString());
    for (const auto& run : runs) { // tags apply to every selected run
        nlohmann::json user = run->user.is_object() ? run->user : nlohmann::json::object();
        user["tags"] = tags;
        if (!saveUserFields(run, user))
            break;
    }
}

void RunLibraryPage::editNotesSelected() {
    const auto runs = selectedRuns();
    if (runs.empty())
        return;
    const auto& user = runs.front()->user;
    const QString current = user.is_object() && user.contains("notes") && user["notes"].is_string()
                                ? QString::fromStdString(user["notes"].get<std::string>())
                                : QString();
    bool ok = false;
    const QString notes = QInputDialog::getMultiLineText(
        this, tr("Notes"), tr("Notes on %1").arg(display_name(*runs.front())), current, &ok);
    if (!ok)
        return;
    nlohmann::json updated = user.is_object() ? user : nlohmann::json::object();
    updated["notes"] = notes.toStdString();
    saveUserFields(runs.front(), updated);
}

void RunLibraryPage::deleteSelected() {
    const auto runs = selectedRuns();
    if (runs.empty())
        return;
    QString names;
    for (const auto& r : runs)
        names += "\n• " + display_name(*r) + " (" + QString::fromStdString(r->id) + ")";
    if (QMessageBox::question(this, tr("Delete runs"),
                              tr("Delete %n run(s)? Their files are removed from the workspace.",
                                 "", static_cast<int>(runs.size())) +
                                  names,
                              QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    QStringList failures;
    for (const auto& r : runs) {
        std::error_code ec;
        if (!std::filesystem::remove(store_->path_of(r->id), ec) && ec)
            failures << QString::fromStdString(r->id + ": " + ec.message());
    }
    if (!failures.isEmpty())
        QMessageBox::warning(this, tr("Delete runs"),
                             tr("Not deleted:\n%1").arg(failures.join('\n')));
    reload();
}

void RunLibraryPage::updateWidgets() {
    const auto n = view_->selectionModel()->selectedRows().size();
    for (auto* w : needsSelection_)
        w->setEnabled(n >= 1);
    for (auto* w : needsTwo_)
        w->setEnabled(n >= 2);
    count_->setText(tr("%1 run(s)").arg(model_->rowCount()));
}

} // namespace ktw::gui
