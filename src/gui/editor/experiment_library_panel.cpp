#include "gui/editor/experiment_library_panel.h"
#include "gui/widgets/status_color.h"

#include "core/spec/experiment_library.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

namespace ktw::gui {

QString shipped_experiments_folder() {
    const QString installed = QDir(QCoreApplication::applicationDirPath())
                                  .absoluteFilePath("../share/kafka-tuning-workbench/experiments");
    if (QFileInfo(installed).isDir())
        return QDir::cleanPath(installed);
#ifdef KTW_SOURCE_EXPERIMENTS_DIR
    return QStringLiteral(KTW_SOURCE_EXPERIMENTS_DIR);
#else
    return installed;
#endif
}

ExperimentLibraryPanel::ExperimentLibraryPanel(QWidget* parent)
    : QWidget(parent), model_(new QStandardItemModel(this)),
      proxy_(new QSortFilterProxyModel(this)) {
    model_->setHorizontalHeaderLabels({tr("Experiment"), tr("Description")});
    proxy_->setSourceModel(model_);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setFilterKeyColumn(-1); // name, description (or error) and folder names
    proxy_->setRecursiveFilteringEnabled(true);
    proxy_->setAutoAcceptChildRows(true); // a matching folder shows everything in it

    filter_ = new QLineEdit;
    filter_->setObjectName("experimentFilter");
    filter_->setPlaceholderText(tr("Filter by name, description or folder"));
    filter_->setClearButtonEnabled(true);
    connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
        proxy_->setFilterFixedString(text.trimmed());
        view_->expandAll();
    });

    view_ = new QTreeView;
    view_->setObjectName("experimentLibrary");
    view_->setModel(proxy_);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setUniformRowHeights(true);
    // Names in full; descriptions get the rest (in full in the tooltip and below the list).
    view_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    view_->header()->setStretchLastSection(true);
    connect(view_, &QTreeView::activated, this, [this] { openCurrent(); });
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ExperimentLibraryPanel::showDetails);

    details_ = new QLabel;
    details_->setObjectName("experimentDetails");
    details_->setWordWrap(true);
    details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details_->setMinimumHeight(details_->fontMetrics().lineSpacing() * 4);
    details_->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    open_ = new QPushButton(tr("Open"));
    open_->setToolTip(tr("Open the experiment in the editor (double-click or Enter)"));
    connect(open_, &QPushButton::clicked, this, &ExperimentLibraryPanel::openCurrent);
    auto* save = new QPushButton(tr("Save current…"));
    save->setToolTip(tr("Save the experiment in the editor among your experiments"));
    connect(save, &QPushButton::clicked, this, &ExperimentLibraryPanel::saveRequested);
    auto* refresh = new QPushButton(tr("Refresh"));
    connect(refresh, &QPushButton::clicked, this, &ExperimentLibraryPanel::reload);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(open_);
    buttons->addWidget(save);
    buttons->addStretch(1);
    buttons->addWidget(refresh);

    auto* title = new QLabel(tr("Experiment library"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(filter_);
    layout->addWidget(view_, 1);
    layout->addWidget(details_);
    layout->addLayout(buttons);

    // Other programs (ktw-cli, an editor, git) change the folders too; saves are renames.
    reloadTimer_.setSingleShot(true);
    reloadTimer_.setInterval(200);
    connect(&reloadTimer_, &QTimer::timeout, this, &ExperimentLibraryPanel::reload);
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, &reloadTimer_,
            qOverload<>(&QTimer::start));
    showDetails();
}

void ExperimentLibraryPanel::setFolders(const QString& shipped, const QString& user) {
    shipped_ = shipped;
    user_ = user;
    reload();
}

QStandardItem* ExperimentLibraryPanel::groupItem(QStandardItem* root, const std::string& group) {
    QStandardItem* parent = root;
    for (const QString& part :
         QString::fromStdString(group).split('/', Qt::SkipEmptyParts)) { // nested folders
        QStandardItem* found = nullptr;
        for (int r = 0; r < parent->rowCount() && !found; ++r)
            if (parent->child(r)->data(PathRole).isNull() && parent->child(r)->text() == part)
                found = parent->child(r);
        if (!found) {
            found = new QStandardItem(style()->standardIcon(QStyle::SP_DirIcon), part);
            parent->appendRow({found, new QStandardItem});
        }
        parent = found;
    }
    return parent;
}

void ExperimentLibraryPanel::addFolder(const QString& title, const QString& folder,
                                       const QString& emptyText) {
    auto* root = new QStandardItem(style()->standardIcon(QStyle::SP_DirHomeIcon), title);
    auto* where = new QStandardItem(QDir::toNativeSeparators(folder));
    root->setToolTip(QDir::toNativeSeparators(folder));
    where->setToolTip(root->toolTip());
    where->setForeground(palette().color(QPalette::PlaceholderText));
    model_->appendRow({root, where});
    const auto files = list_experiments(folder.toStdString());
    for (const auto& f : files) {
        const QString path = QString::fromStdString(f.file.string());
        auto* name = new QStandardItem(QString::fromStdString(f.name));
        auto* description = new QStandardItem;
        name->setData(path, PathRole);
        description->setData(path, PathRole);
        if (f.error.empty()) {
            name->setIcon(style()->standardIcon(QStyle::SP_FileIcon));
            description->setText(QString::fromStdString(f.description));
            name->setToolTip(
                QString("%1\n\n%2")
                    .arg(QString::fromStdString(f.description), QDir::toNativeSeparators(path)));
        } else {
            const QString error =
                QString::fromStdString(f.file.filename().string() + " " + f.error);
            name->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
            name->setData(error, ErrorRole);
            description->setData(error, ErrorRole);
            description->setText(error);
            name->setForeground(status_color(Status::Bad, palette()));
            description->setForeground(status_color(Status::Bad, palette()));
            name->setToolTip(error);
        }
        description->setToolTip(name->toolTip());
        groupItem(root, f.group)->appendRow({name, description});
    }
    if (files.empty()) {
        auto* none = new QStandardItem(tr("(none)"));
        auto* why = new QStandardItem(emptyText);
        for (auto* item : {none, why}) {
            item->setEnabled(false);
            item->setToolTip(emptyText);
        }
        root->appendRow({none, why});
    }
}

void ExperimentLibraryPanel::reload() {
    const QModelIndex current = view_->currentIndex();
    const QString selected = current.data(PathRole).toString();
    model_->removeRows(0, model_->rowCount());
    addFolder(tr("Shipped"), shipped_, tr("no experiment files in this folder"));
    addFolder(tr("Yours"), user_, tr("save one with File › Save as experiment in library…"));
    view_->expandAll();
    if (!selected.isEmpty())
        selectFile(selected);
    showDetails();
    watch();
}

void ExperimentLibraryPanel::watch() {
    if (!watcher_.directories().isEmpty())
        watcher_.removePaths(watcher_.directories());
    QStringList folders;
    for (const QString& root : {shipped_, user_}) {
        if (root.isEmpty() || !QFileInfo(root).isDir())
            continue;
        folders << root;
        QDirIterator it(root, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext())
            folders << it.next();
    }
    if (!folders.isEmpty())
        watcher_.addPaths(folders);
}

QModelIndex ExperimentLibraryPanel::indexOf(const QString& path) const {
    const auto found = model_->match(model_->index(0, 0), PathRole, path, 1,
                                     Qt::MatchExactly | Qt::MatchRecursive);
    return found.isEmpty() ? QModelIndex() : proxy_->mapFromSource(found.front());
}

bool ExperimentLibraryPanel::selectFile(const QString& path) {
    const QModelIndex index = indexOf(path);
    if (!index.isValid())
        return false;
    view_->setCurrentIndex(index);
    view_->scrollTo(index);
    return true;
}

void ExperimentLibraryPanel::openCurrent() {
    const QModelIndex index = view_->currentIndex();
    const QString path = index.data(PathRole).toString();
    if (path.isEmpty() || !index.data(ErrorRole).isNull())
        return; // a folder, or a file that is not a spec: its error is shown below the list
    emit openRequested(path);
}

void ExperimentLibraryPanel::showDetails() {
    const QModelIndex index = view_->currentIndex();
    const QString path = index.data(PathRole).toString();
    const QString error = index.data(ErrorRole).toString();
    open_->setEnabled(!path.isEmpty() && error.isEmpty());
    if (path.isEmpty()) {
        details_->setText(tr("Select an experiment to see what it tests; double-click or Enter "
                             "opens it in the editor."));
        return;
    }
    const QString name = index.siblingAtColumn(0).data().toString().toHtmlEscaped();
    const QString file = QDir::toNativeSeparators(path).toHtmlEscaped();
    if (!error.isEmpty()) {
        details_->setText(status_span(Status::Bad, "<b>" + tr("Cannot be opened:") + "</b>") +
                          "<br>" + error.toHtmlEscaped());
        return;
    }
    const QString description = index.siblingAtColumn(1).data().toString().toHtmlEscaped();
    details_->setText(QString("<b>%1</b><br>%2<br><span style='color:%3'>%4</span>")
                          .arg(name, description.isEmpty() ? tr("(no description)") : description,
                               palette().color(QPalette::PlaceholderText).name(), file));
}

} // namespace ktw::gui
