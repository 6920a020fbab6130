#include "gui/widgets/advisor_panel.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

namespace ktw::gui {
namespace {

QIcon severity_icon(const QStyle* style, AdviceSeverity severity) {
    return style->standardIcon(severity == AdviceSeverity::Warning
                                   ? QStyle::SP_MessageBoxWarning
                                   : QStyle::SP_MessageBoxInformation);
}

QString html(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

} // namespace

AdviceCard::AdviceCard(const Advice& advice, bool clickable, QWidget* parent)
    : QFrame(parent), advice_(advice), clickable_(clickable && !advice.field.empty()) {
    setObjectName(QString::fromStdString("advice-" + advice.rule));
    setFrameShape(QFrame::StyledPanel);
    auto* icon = new QLabel;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(severity_icon(style(), advice.severity).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    icon->setToolTip(advice.severity == AdviceSeverity::Warning ? tr("Warning") : tr("Info"));
    QString text =
        QString("<b>%1</b><br>%2<br><i>%3</i> %4")
            .arg(html(advice.title), html(advice.reason), tr("Try:"), html(advice.suggestion));
    if (!advice.field.empty())
        text += QString("<br><span style='color:%1'>%2</span>")
                    .arg(palette().color(QPalette::PlaceholderText).name(),
                         clickable_ ? tr("%1 · click to edit").arg(html(advice.field))
                                    : html(advice.field));
    auto* label = new QLabel(text);
    label->setObjectName("adviceText");
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    // The card takes the clicks; the label would otherwise swallow them.
    label->setAttribute(Qt::WA_TransparentForMouseEvents);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(label, 1);
    if (clickable_) {
        setCursor(Qt::PointingHandCursor);
        setFocusPolicy(Qt::StrongFocus);
        setToolTip(tr("Show %1 in the form").arg(QString::fromStdString(advice.field)));
    }
}

void AdviceCard::mouseReleaseEvent(QMouseEvent* event) {
    if (clickable_ && event->button() == Qt::LeftButton &&
        rect().contains(event->position().toPoint()))
        emit activated(QString::fromStdString(advice_.field));
    QFrame::mouseReleaseEvent(event);
}

void AdviceCard::keyPressEvent(QKeyEvent* event) {
    if (clickable_ && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter ||
                       event->key() == Qt::Key_Space)) {
        emit activated(QString::fromStdString(advice_.field));
        return;
    }
    QFrame::keyPressEvent(event);
}

AdvisorPanel::AdvisorPanel(const QString& title, bool clickable, QWidget* parent)
    : QWidget(parent), title_(title), clickable_(clickable) {
    heading_ = new QLabel(title);
    QFont bold = heading_->font();
    bold.setBold(true);
    heading_->setFont(bold);
    message_ = new QLabel;
    message_->setObjectName("advisorMessage");
    message_->setWordWrap(true);
    auto* content = new QWidget;
    cardLayout_ = new QVBoxLayout(content);
    cardLayout_->setContentsMargins(0, 0, 0, 0);
    cardLayout_->addWidget(message_);
    cardLayout_->addStretch(1);
    scroll_ = new QScrollArea;
    scroll_->setWidget(content);
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll_->viewport()->installEventFilter(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading_);
    layout->addWidget(scroll_, 1);
}

bool AdvisorPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == scroll_->viewport() && event->type() == QEvent::Resize)
        fitCards();
    return QWidget::eventFilter(watched, event);
}

void AdvisorPanel::fitCards() {
    // A scroll area gives its content the viewport's height and ignores height-for-width:
    // word-wrapped cards would be squeezed onto each other. Each card gets the height its
    // text needs at the viewport's width; the content then grows and scrolls.
    const int width = scroll_->viewport()->width();
    for (auto* card : cards_)
        card->setFixedHeight(card->heightForWidth(width));
}

void AdvisorPanel::clearCards() {
    // Hidden at once, deleted later: a card may be clearing the panel from its own signal.
    for (auto* card : cards_) {
        cardLayout_->removeWidget(card);
        card->hide();
        card->deleteLater();
    }
    cards_.clear();
}

void AdvisorPanel::setMessage(const QString& text) {
    clearCards();
    heading_->setText(title_);
    message_->setText(text);
    message_->setVisible(true);
}

void AdvisorPanel::setAdvice(const std::vector<Advice>& advice, const QString& emptyText) {
    clearCards();
    int warnings = 0;
    for (const auto& a : advice) {
        auto* card = new AdviceCard(a, clickable_);
        connect(card, &AdviceCard::activated, this, &AdvisorPanel::fieldActivated);
        cardLayout_->insertWidget(cardLayout_->count() - 1, card); // before the stretch
        cards_.push_back(card);
        warnings += a.severity == AdviceSeverity::Warning;
    }
    const int infos = static_cast<int>(advice.size()) - warnings;
    QStringList counts;
    if (warnings)
        counts << tr("%n warning(s)", "", warnings);
    if (infos)
        counts << tr("%n note(s)", "", infos);
    heading_->setText(counts.isEmpty() ? title_ : tr("%1: %2").arg(title_, counts.join(tr(", "))));
    message_->setText(emptyText);
    message_->setVisible(advice.empty());
    fitCards();
}

} // namespace ktw::gui
