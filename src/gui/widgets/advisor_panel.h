#pragma once
// The advisor's items as cards (severity icon from the style, title, reason, suggestion, the
// field): beside the experiment editor, where a click on a card focuses its field, and beside
// a run's verdict, where it shows the diagnosis of the run.

#include "core/advisor/advice.h"

#include <QFrame>
#include <QWidget>
#include <vector>

class QLabel;
class QScrollArea;
class QVBoxLayout;

namespace ktw::gui {

/// One item. Clickable cards take the keyboard focus and activate on Enter or Space too.
class AdviceCard : public QFrame {
    Q_OBJECT
  public:
    AdviceCard(const Advice& advice, bool clickable, QWidget* parent = nullptr);
    const Advice& advice() const { return advice_; }

  signals:
    void activated(const QString& field);

  protected:
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

  private:
    Advice advice_;
    bool clickable_;
};

class AdvisorPanel : public QWidget {
    Q_OBJECT
  public:
    /// clickable: cards focus their field (fieldActivated) when clicked.
    AdvisorPanel(const QString& title, bool clickable, QWidget* parent = nullptr);

    /// Replaces the cards; `emptyText` is shown when there is no advice.
    void setAdvice(const std::vector<Advice>& advice, const QString& emptyText);
    /// A line instead of cards (e.g. "The diagnosis appears when the run ends").
    void setMessage(const QString& text);
    const std::vector<AdviceCard*>& cards() const { return cards_; }
    QLabel* headingLabel() const { return heading_; }
    QLabel* messageLabel() const { return message_; }

  signals:
    void fieldActivated(const QString& field);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void clearCards();
    void fitCards();

    QString title_;
    bool clickable_;
    QLabel* heading_;
    QLabel* message_;
    QScrollArea* scroll_;
    QVBoxLayout* cardLayout_;
    std::vector<AdviceCard*> cards_;
};

} // namespace ktw::gui
