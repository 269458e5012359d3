#include "filterbuilder.h"

#include "filterconditioneditor.h"
#include "filtergroupeditor.h"
#include "filtertree.h"
#include "jsontextposition.h"

#include <QButtonGroup>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

FilterBuilder::FilterBuilder(QWidget *parent)
    : QWidget(parent)
    , m_visualButton(new QToolButton(this))
    , m_rawButton(new QToolButton(this))
    , m_clearButton(new QPushButton(tr("Clear"), this))
    , m_applyButton(new QPushButton(tr("Apply"), this))
    , m_stack(new QStackedWidget(this))
    , m_scroll(new QScrollArea(this))
    , m_root(new FilterGroupEditor(false))
    , m_raw(new QPlainTextEdit(this))
    , m_messageIcon(new QLabel(this))
    , m_message(new QLabel(this))
    , m_summary(new QLabel(this))
{
    m_visualButton->setObjectName(QStringLiteral("visualMode"));
    m_rawButton->setObjectName(QStringLiteral("jsonMode"));
    m_clearButton->setObjectName(QStringLiteral("clear"));
    m_applyButton->setObjectName(QStringLiteral("apply"));
    m_root->setObjectName(QStringLiteral("rootGroup"));
    m_raw->setObjectName(QStringLiteral("rawJson"));
    m_message->setObjectName(QStringLiteral("message"));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_visualButton->setText(tr("&Visual"));
    m_visualButton->setToolTip(tr("Build the filter from conditions and groups"));
    m_rawButton->setText(tr("&JSON"));
    m_rawButton->setToolTip(tr("Edit the filter as Qdrant filter JSON"));
    auto *modes = new QButtonGroup(this);
    for (QToolButton *button : {m_visualButton, m_rawButton}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        modes->addButton(button);
    }
    m_visualButton->setChecked(true);
    m_clearButton->setToolTip(tr("Remove every condition: all points match"));
    m_applyButton->setToolTip(tr("Apply the filter (Ctrl+Return)"));
    m_applyButton->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
    for (QPushButton *button : {m_clearButton, m_applyButton})
        button->setAutoDefault(false);

    auto *top = new QHBoxLayout;
    top->setSpacing(2);
    top->addWidget(m_visualButton);
    top->addWidget(m_rawButton);
    top->addStretch(1);
    top->addWidget(m_clearButton);
    top->addWidget(m_applyButton);

    auto *canvas = new QWidget;
    auto *canvasLayout = new QVBoxLayout(canvas);
    canvasLayout->setContentsMargins(4, 4, 4, 4);
    canvasLayout->addWidget(m_root);
    canvasLayout->addStretch(1);
    m_scroll->setWidget(canvas);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::StyledPanel);
    m_scroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the fields; the area follows them

    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setAccessibleName(tr("Filter JSON"));
    m_raw->setPlaceholderText(tr("{\"must\": [{\"key\": \"outcome\", \"match\": "
                                 "{\"value\": \"success\"}}]}"));
    m_raw->setTabChangesFocus(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);

    m_stack->addWidget(m_scroll);
    m_stack->addWidget(m_raw);

    m_messageIcon->hide();
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_message->setAccessibleName(tr("Filter problems"));
    m_message->hide();
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAccessibleName(tr("Filter summary"));

    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_messageIcon, 0, Qt::AlignTop);
    messageRow->addWidget(m_message, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    layout->addLayout(messageRow);
    layout->addWidget(m_summary);

    connect(m_visualButton, &QToolButton::clicked, this, [this] { setMode(Mode::Visual); });
    connect(m_rawButton, &QToolButton::clicked, this, [this] { setMode(Mode::RawJson); });
    connect(m_applyButton, &QPushButton::clicked, this, &FilterBuilder::apply);
    connect(m_clearButton, &QPushButton::clicked, this, &FilterBuilder::clear);
    connect(m_root, &FilterGroupEditor::changed, this, &FilterBuilder::onVisualChanged);
    connect(m_raw, &QPlainTextEdit::textChanged, this, &FilterBuilder::onRawChanged);
    connect(m_message, &QLabel::linkActivated, this, [this](const QString &link) {
        // "at:<offset>": put the cursor where the JSON went wrong.
        QTextCursor cursor = m_raw->textCursor();
        cursor.setPosition(qBound(0, link.mid(3).toInt(), int(m_raw->document()->characterCount()
                                                                   - 1)));
        m_raw->setTextCursor(cursor);
        m_raw->setFocus(Qt::OtherFocusReason);
    });
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return),
             QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &FilterBuilder::apply);
    }
    updateSummary(FilterTree().describe());
}

void FilterBuilder::setKnownKeys(const QStringList &keys, const QHash<QString, QString> &types)
{
    m_root->setKnownKeys(keys, types);
}

void FilterBuilder::setFilter(const QJsonObject &filter)
{
    m_lastGood = filter;
    m_showingProblems = false;
    clearMessage();
    setRawText(filter);
    QStringList where;
    const auto tree = FilterTree::fromJson(filter, &where);
    if (tree.ok()) {
        {
            const QSignalBlocker blocker(m_root);
            m_root->setNode(tree.value().root());
            m_root->setProblems({});
        }
        updateTabOrder();
        m_mode = Mode::Visual;
        updateSummary(tree.value().describe());
    } else {
        m_mode = Mode::RawJson;
        const JsonTextPosition place = JsonTextPosition::ofPath(m_raw->toPlainText(), where);
        showMessage(Tone::Note,
            tr("Shown as JSON: %1").arg(tree.error().message), int(place.offset),
            tr("line %1, column %2").arg(place.line).arg(place.column));
        updateSummary(tr("a filter the visual builder cannot show"));
    }
    syncModeButtons();
}

QJsonObject FilterBuilder::filter() const
{
    if (m_mode == Mode::Visual)
        return FilterTree(m_root->node()).toJson();
    const RawParse raw = parseRaw();
    return raw.isObject ? raw.object : m_lastGood;
}

FilterBuilder::RawParse FilterBuilder::parseRaw() const
{
    RawParse parse;
    const QString text = m_raw->toPlainText();
    if (text.trimmed().isEmpty()) {
        parse.isObject = true; // nothing typed: the empty filter
        return parse;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        parse.error = error.errorString();
        parse.errorOffset = int(JsonTextPosition::ofUtf8Offset(text, error.offset).offset);
    } else if (!doc.isObject()) {
        parse.error = tr("a filter is a JSON object, {...}");
        parse.errorOffset = 0;
    } else {
        parse.isObject = true;
        parse.object = doc.object();
    }
    return parse;
}

bool FilterBuilder::setMode(Mode mode)
{
    if (mode == m_mode) {
        syncModeButtons();
        return true;
    }
    if (mode == Mode::RawJson) {
        setRawText(FilterTree(m_root->node()).toJson());
        m_mode = Mode::RawJson;
        m_showingProblems = false;
        clearMessage();
        syncModeButtons();
        m_raw->setFocus(Qt::OtherFocusReason);
        return true;
    }
    const RawParse raw = parseRaw();
    if (!raw.isObject) {
        const JsonTextPosition place
            = JsonTextPosition::ofOffset(m_raw->toPlainText(), raw.errorOffset);
        showMessage(Tone::Error, tr("Fix the JSON to switch to the visual builder: %1.")
                                     .arg(raw.error),
            raw.errorOffset, tr("line %1, column %2").arg(place.line).arg(place.column));
        syncModeButtons();
        return false;
    }
    QStringList where;
    const auto tree = FilterTree::fromJson(raw.object, &where);
    if (!tree.ok()) {
        const JsonTextPosition place = JsonTextPosition::ofPath(m_raw->toPlainText(), where);
        showMessage(Tone::Error, tree.error().message, int(place.offset),
            tr("line %1, column %2").arg(place.line).arg(place.column));
        syncModeButtons();
        return false;
    }
    {
        const QSignalBlocker blocker(m_root);
        m_root->setNode(tree.value().root());
        m_root->setProblems({});
    }
    updateTabOrder();
    m_mode = Mode::Visual;
    m_showingProblems = false;
    clearMessage();
    updateSummary(tree.value().describe());
    syncModeButtons();
    return true;
}

bool FilterBuilder::apply()
{
    QJsonObject filter;
    if (m_mode == Mode::Visual) {
        const FilterTree tree(m_root->node());
        if (!tree.validate().isEmpty()) {
            m_showingProblems = true;
            showProblems();
            return false;
        }
        filter = tree.toJson();
    } else {
        const RawParse raw = parseRaw();
        if (!raw.isObject) {
            const JsonTextPosition place
                = JsonTextPosition::ofOffset(m_raw->toPlainText(), raw.errorOffset);
            showMessage(Tone::Error, tr("Not applied: %1.").arg(raw.error), raw.errorOffset,
                tr("line %1, column %2").arg(place.line).arg(place.column));
            return false;
        }
        // A filter the visual mode can show is checked as it would be there; any other one
        // goes to the server as it is, which has the last word on it.
        const auto tree = FilterTree::fromJson(raw.object);
        if (tree.ok() && !tree.value().validate().isEmpty()) {
            m_showingProblems = true;
            showProblems();
            return false;
        }
        filter = raw.object;
    }
    m_lastGood = filter;
    m_showingProblems = false;
    if (m_mode == Mode::Visual)
        m_root->setProblems({});
    clearMessage();
    if (m_mode == Mode::RawJson)
        onRawChanged(); // keeps the note about a filter the visual mode cannot show
    emit filterApplied(filter);
    return true;
}

void FilterBuilder::clear()
{
    const Mode mode = m_mode;
    setFilter(QJsonObject());
    m_mode = mode; // the empty filter shows in either mode
    syncModeButtons();
    emit filterCleared();
}

void FilterBuilder::showProblems()
{
    FilterTree tree;
    if (m_mode == Mode::Visual) {
        tree = FilterTree(m_root->node());
    } else {
        const auto read = FilterTree::fromJson(parseRaw().object);
        if (read.ok())
            tree = read.value();
    }
    const QList<FilterProblem> problems = tree.validate();
    QHash<QList<int>, QStringList> byPath;
    QStringList lines;
    for (const FilterProblem &p : problems) {
        byPath[p.path].append(p.message);
        lines.append(QStringLiteral("• ") + p.message);
    }
    if (m_mode == Mode::Visual)
        m_root->setProblems(byPath);
    if (lines.isEmpty()) {
        clearMessage();
        return;
    }
    showMessage(Tone::Error, tr("Not applied yet:") + u'\n' + lines.join(u'\n'));
}

void FilterBuilder::updateTabOrder()
{
    // Rows added to a group after others were added below it come later in Qt's default tab
    // chain (the order of creation); the chain is laid again in the order shown.
    QList<QWidget *> order = {m_visualButton, m_rawButton, m_clearButton, m_applyButton, m_raw};
    order += m_root->tabOrder();
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));
}

void FilterBuilder::onVisualChanged()
{
    updateTabOrder();
    const FilterTree tree(m_root->node());
    updateSummary(tree.describe());
    // Once problems are shown they follow the edits, so a fixed row loses its mark at once.
    if (m_showingProblems)
        showProblems();
}

void FilterBuilder::onRawChanged()
{
    if (m_mode != Mode::RawJson)
        return;
    const RawParse raw = parseRaw();
    if (!raw.isObject) {
        const JsonTextPosition place
            = JsonTextPosition::ofOffset(m_raw->toPlainText(), raw.errorOffset);
        showMessage(Tone::Error, tr("Invalid JSON: %1.").arg(raw.error), raw.errorOffset,
            tr("line %1, column %2").arg(place.line).arg(place.column));
        updateSummary(tr("invalid JSON"));
        return;
    }
    QStringList where;
    const auto tree = FilterTree::fromJson(raw.object, &where);
    if (!tree.ok()) {
        const JsonTextPosition place = JsonTextPosition::ofPath(m_raw->toPlainText(), where);
        showMessage(Tone::Note,
            tr("%1 It can still be applied as JSON.").arg(tree.error().message),
            int(place.offset), tr("line %1, column %2").arg(place.line).arg(place.column));
        updateSummary(tr("a filter the visual builder cannot show"));
        return;
    }
    updateSummary(tree.value().describe());
    if (m_showingProblems)
        showProblems();
    else
        clearMessage();
}

void FilterBuilder::setRawText(const QJsonObject &filter)
{
    const QSignalBlocker blocker(m_raw);
    m_raw->setPlainText(QString::fromUtf8(QJsonDocument(filter).toJson(QJsonDocument::Indented))
                            .trimmed());
}

void FilterBuilder::syncModeButtons()
{
    m_visualButton->setChecked(m_mode == Mode::Visual);
    m_rawButton->setChecked(m_mode == Mode::RawJson);
    m_stack->setCurrentWidget(m_mode == Mode::Visual ? static_cast<QWidget *>(m_scroll) : m_raw);
}

void FilterBuilder::showMessage(Tone tone, const QString &text, int offset, const QString &place)
{
    // Plain text for messageText(); rich text on screen, with the place as a link that puts
    // the cursor there.
    m_messagePlain = place.isEmpty() ? text : place + QStringLiteral(": ") + text;
    QString html = text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
    if (!place.isEmpty()) {
        html = QStringLiteral("<a href=\"at:%1\">%2</a>: ").arg(offset).arg(place.toHtmlEscaped())
            + html;
    }
    m_message->setText(html);
    m_message->show();
    const QStyle::StandardPixmap icon = tone == Tone::Error ? QStyle::SP_MessageBoxWarning
                                                             : QStyle::SP_MessageBoxInformation;
    m_messageIcon->setPixmap(style()->standardIcon(icon).pixmap(16, 16));
    m_messageIcon->show();
}

void FilterBuilder::clearMessage()
{
    m_messagePlain.clear();
    m_message->clear();
    m_message->hide();
    m_messageIcon->hide();
}

void FilterBuilder::updateSummary(const QString &text)
{
    m_summary->setText(tr("Matches: %1").arg(text));
}

QString FilterBuilder::messageText() const
{
    return m_messagePlain;
}

QString FilterBuilder::summaryText() const
{
    return m_summary->text();
}

QString FilterBuilder::rawText() const
{
    return m_raw->toPlainText();
}
