#pragma once

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class FilterGroupEditor;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QToolButton;

/// The filter builder of the points table and the search pane: a visual mode (a tree of
/// groups and conditions on payload keys) and a raw-JSON mode, for any Qdrant filter. The
/// builder checks the filter before it says it was applied; problems and JSON errors are
/// shown inline (with line and column) and never lose what was typed. Apply: the button or
/// Ctrl+Return anywhere in the builder.
class FilterBuilder final : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { Visual, RawJson };

    explicit FilterBuilder(QWidget *parent = nullptr);

    /// The payload keys the key boxes offer, with their types (keyword, integer, float, bool,
    /// datetime, text, uuid, ...): a known type picks the operator and value type of a new
    /// condition. Any other key can still be typed.
    void setKnownKeys(const QStringList &keys, const QHash<QString, QString> &types = {});

    /// Shows this filter: in the visual mode when it can show it, else in the raw-JSON mode
    /// with a note that says why. Emits nothing.
    void setFilter(const QJsonObject &filter);
    /// The filter being edited: the visual mode's, or the raw-JSON text's object. When the
    /// text is not a JSON object yet, the filter last set or applied.
    QJsonObject filter() const;

    Mode mode() const { return m_mode; }
    /// Switches mode, keeping the filter. Returns false, stays in raw JSON and shows why when
    /// the text is not valid JSON or is a filter the visual mode cannot show.
    bool setMode(Mode mode);

    /// Checks the filter: emits filterApplied and returns true when it can be sent, else shows
    /// the problems inline and returns false.
    bool apply();
    /// Empties the filter (the filter {} matches every point) and emits filterCleared.
    void clear();

    /// The inline message under the editor: a JSON error, the problems found, or a note.
    QString messageText() const;
    /// The filter in words, as shown under the editor ("customer_id = 42 AND ...").
    QString summaryText() const;
    /// The raw-JSON editor's text.
    QString rawText() const;

signals:
    void filterApplied(const QJsonObject &filter);
    void filterCleared();

private:
    enum class Tone { Error, Note };

    struct RawParse
    {
        bool isObject = false;
        QJsonObject object;
        QString error; ///< set when the text is not a JSON object; with its place
        int errorOffset = -1;
    };

    RawParse parseRaw() const;
    void showMessage(Tone tone, const QString &text, int offset = -1, const QString &place = {});
    void clearMessage();
    void showProblems();
    void onVisualChanged();
    void onRawChanged();
    void updateSummary(const QString &text);
    void syncModeButtons();
    void updateTabOrder();
    void setRawText(const QJsonObject &filter);

    Mode m_mode = Mode::Visual;
    QToolButton *m_visualButton;
    QToolButton *m_rawButton;
    QPushButton *m_clearButton;
    QPushButton *m_applyButton;
    QStackedWidget *m_stack;
    QScrollArea *m_scroll;
    FilterGroupEditor *m_root;
    QPlainTextEdit *m_raw;
    QLabel *m_messageIcon;
    QLabel *m_message;
    QLabel *m_summary;
    QString m_messagePlain;
    QJsonObject m_lastGood; ///< the filter last set or applied
    bool m_showingProblems = false;
};
