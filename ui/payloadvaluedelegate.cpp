#include "payloadvaluedelegate.h"

#include "agentmemoryschemas.h"
#include "payloadtreemodel.h"
#include "payloadvalues.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QHelpEvent>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimeZone>
#include <QToolTip>

namespace {

constexpr int kRangeDecimals = 3;

// The one editor property that remembers what the node held, so that opening an editor and
// leaving it without a change (a rounded score, a date in another offset) changes nothing.
constexpr char kOriginal[] = "payloadOriginal";

QJsonValue jsonAt(const QModelIndex &index)
{
    return index.data(PayloadTreeModel::JsonValueRole).value<QJsonValue>();
}

QJsonValue::Type typeAt(const QModelIndex &index)
{
    return QJsonValue::Type(index.data(PayloadTreeModel::JsonTypeRole).toInt());
}

QDateTime parseDateTime(const QString &text)
{
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(text, Qt::ISODate);
    return parsed;
}

QString rfc3339(const QDateTime &value)
{
    const QDateTime utc = value.toUTC();
    return utc.toString(utc.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
}

} // namespace

PayloadValueDelegate::PayloadValueDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

const SchemaField *PayloadValueDelegate::fieldFor(const QModelIndex &index, bool *item) const
{
    if (item)
        *item = false;
    if (!m_schema || !index.isValid())
        return nullptr;
    const QModelIndex parent = index.parent();
    const QModelIndex key = index.siblingAtColumn(PayloadTreeModel::KeyColumn);
    if (!parent.isValid())
        return m_schema->field(key.data(Qt::EditRole).toString());
    if (!parent.parent().isValid() && typeAt(parent) == QJsonValue::Array) {
        const SchemaField *list = m_schema->field(parent.data(Qt::EditRole).toString());
        if (list && list->type.endsWith(QLatin1String("[]"))) {
            if (item)
                *item = true;
            return list;
        }
    }
    return nullptr;
}

PayloadValueDelegate::Editor PayloadValueDelegate::editorFor(const QModelIndex &index) const
{
    if (index.column() == PayloadTreeModel::TypeColumn)
        return Editor::Type;
    if (index.column() != PayloadTreeModel::ValueColumn)
        return Editor::Default;
    bool item = false;
    const SchemaField *field = fieldFor(index, &item);
    const QString type = field ? (item ? field->type.chopped(2) : field->type) : QString();
    switch (typeAt(index)) {
    case QJsonValue::Bool:
        return Editor::Boolean;
    case QJsonValue::Double: {
        // A value outside the range gets a plain editor: a spin box would clamp it, and
        // merely opening the editor would change it.
        const double x = jsonAt(index).toDouble();
        const bool ranged = field && type == u"float" && field->minimum && field->maximum
            && x >= *field->minimum && x <= *field->maximum;
        return ranged ? Editor::Range : Editor::Number;
    }
    case QJsonValue::String: {
        const QString text = jsonAt(index).toString();
        if (field && type == u"keyword" && !field->choices.isEmpty())
            return Editor::Choice;
        if (field && type == u"datetime" && (text.isEmpty() || parseDateTime(text).isValid()))
            return Editor::DateTime;
        return text.contains(QLatin1Char('\n')) ? Editor::Lines : Editor::Default;
    }
    case QJsonValue::Array:
        return Editor::List;
    default:
        return Editor::Default;
    }
}

QWidget *PayloadValueDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                            const QModelIndex &index) const
{
    switch (editorFor(index)) {
    case Editor::Type: {
        auto *combo = new QComboBox(parent);
        for (const QJsonValue::Type type : {QJsonValue::String, QJsonValue::Double,
                                            QJsonValue::Bool, QJsonValue::Null,
                                            QJsonValue::Object, QJsonValue::Array}) {
            const QString name = PayloadValues::typeName(type);
            combo->addItem(name, name);
        }
        return combo;
    }
    case Editor::Choice: {
        auto *combo = new QComboBox(parent);
        const SchemaField *field = fieldFor(index);
        for (const QString &choice : field->choices)
            combo->addItem(choice, choice);
        return combo;
    }
    case Editor::Boolean: {
        auto *combo = new QComboBox(parent);
        combo->addItem(QStringLiteral("true"), true);
        combo->addItem(QStringLiteral("false"), false);
        return combo;
    }
    case Editor::Range: {
        const SchemaField *field = fieldFor(index);
        auto *spin = new QDoubleSpinBox(parent);
        spin->setDecimals(kRangeDecimals);
        spin->setRange(*field->minimum, *field->maximum);
        spin->setSingleStep((*field->maximum - *field->minimum) / 20.0);
        return spin;
    }
    case Editor::DateTime: {
        auto *edit = new QDateTimeEdit(parent);
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        edit->setCalendarPopup(true);
        return edit;
    }
    case Editor::List: {
        auto *line = new QLineEdit(parent);
        line->setPlaceholderText(tr("Comma-separated, e.g. cost_agent, performance_agent"));
        return line;
    }
    case Editor::Lines:
        return new QPlainTextEdit(parent);
    case Editor::Number:
        // A line edit, not a spin box: a spin box would round 1234.5678 to its decimals.
        return new QLineEdit(parent);
    case Editor::Default:
        break;
    }
    return QStyledItemDelegate::createEditor(parent, option, index);
}

void PayloadValueDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QJsonValue value = jsonAt(index);
    editor->setProperty(kOriginal, QVariant::fromValue(value));
    switch (editorFor(index)) {
    case Editor::Type:
    case Editor::Choice:
    case Editor::Boolean: {
        auto *combo = static_cast<QComboBox *>(editor);
        const QVariant current = editorFor(index) == Editor::Type
            ? index.data(Qt::EditRole)
            : value.toVariant();
        int row = combo->findData(current);
        if (row < 0) {
            // A value outside the choices stays until the user picks another: nothing is lost
            // by opening the editor.
            combo->insertItem(0, tr("%1 (not a choice)").arg(current.toString()), current);
            row = 0;
        }
        combo->setCurrentIndex(row);
        return;
    }
    case Editor::Range:
        static_cast<QDoubleSpinBox *>(editor)->setValue(value.toDouble());
        return;
    case Editor::DateTime: {
        const QDateTime parsed = parseDateTime(value.toString());
        static_cast<QDateTimeEdit *>(editor)->setDateTime(
            parsed.isValid() ? parsed.toUTC() : QDateTime::currentDateTimeUtc());
        return;
    }
    case Editor::List:
        static_cast<QLineEdit *>(editor)->setText(
            index.data(Qt::EditRole).toStringList().join(QStringLiteral(", ")));
        return;
    case Editor::Lines:
        static_cast<QPlainTextEdit *>(editor)->setPlainText(value.toString());
        return;
    case Editor::Number:
        static_cast<QLineEdit *>(editor)->setText(PayloadValues::jsonText(value));
        return;
    case Editor::Default:
        break;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void PayloadValueDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                        const QModelIndex &index) const
{
    const QJsonValue original = editor->property(kOriginal).value<QJsonValue>();
    switch (editorFor(index)) {
    case Editor::Type:
        model->setData(index, static_cast<QComboBox *>(editor)->currentData());
        return;
    case Editor::Choice:
    case Editor::Boolean:
        model->setData(index,
                       QVariant::fromValue(QJsonValue::fromVariant(
                           static_cast<QComboBox *>(editor)->currentData())),
                       PayloadTreeModel::JsonValueRole);
        return;
    case Editor::Range: {
        const double value = static_cast<QDoubleSpinBox *>(editor)->value();
        const double shown = QString::number(original.toDouble(), 'f', kRangeDecimals).toDouble();
        const QJsonValue next = value == shown ? original : QJsonValue(value);
        model->setData(index, QVariant::fromValue(next), PayloadTreeModel::JsonValueRole);
        return;
    }
    case Editor::DateTime: {
        const QDateTime value = static_cast<QDateTimeEdit *>(editor)->dateTime();
        const QDateTime before = parseDateTime(original.toString());
        // Seconds are what the editor shows; an untouched value keeps its own spelling.
        const bool untouched = before.isValid()
            && before.toSecsSinceEpoch() == value.toSecsSinceEpoch();
        const QJsonValue next = untouched ? original : QJsonValue(rfc3339(value));
        model->setData(index, QVariant::fromValue(next), PayloadTreeModel::JsonValueRole);
        return;
    }
    case Editor::List: {
        QStringList items;
        const QStringList parts = static_cast<QLineEdit *>(editor)->text().split(QLatin1Char(','));
        for (const QString &part : parts) {
            if (!part.trimmed().isEmpty())
                items.append(part.trimmed());
        }
        model->setData(index, items);
        return;
    }
    case Editor::Lines:
        model->setData(index, static_cast<QPlainTextEdit *>(editor)->toPlainText());
        return;
    case Editor::Number:
        model->setData(index, static_cast<QLineEdit *>(editor)->text());
        return;
    case Editor::Default:
        break;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

void PayloadValueDelegate::updateEditorGeometry(QWidget *editor,
                                                const QStyleOptionViewItem &option,
                                                const QModelIndex &index) const
{
    QStyledItemDelegate::updateEditorGeometry(editor, option, index);
    if (qobject_cast<QPlainTextEdit *>(editor)) {
        // Several lines of text need several lines of room; it floats over the rows below.
        QRect rect = editor->geometry();
        rect.setHeight(std::max(rect.height(), option.fontMetrics.lineSpacing() * 6));
        editor->setGeometry(rect);
    }
}

bool PayloadValueDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                     const QStyleOptionViewItem &option,
                                     const QModelIndex &index)
{
    if (event->type() == QEvent::ToolTip && index.data(Qt::ToolTipRole).isNull()) {
        bool item = false;
        const SchemaField *field = fieldFor(index, &item);
        if (field && !item) {
            QToolTip::showText(event->globalPos(), fieldHelp(*field), view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

QString PayloadValueDelegate::fieldHelp(const SchemaField &field) const
{
    QStringList lines{field.name + QStringLiteral(" (") + field.type + QLatin1Char(')')};
    if (!field.notes.isEmpty())
        lines.append(field.notes);
    if (field.minimum && field.maximum) {
        lines.append(tr("From %1 to %2.").arg(QString::number(*field.minimum),
                                               QString::number(*field.maximum)));
    }
    if (!field.choices.isEmpty())
        lines.append(tr("One of: %1.").arg(field.choices.join(QStringLiteral(", "))));
    if (field.required)
        lines.append(tr("Required."));
    if (m_schema && m_schema->embeddedFields.contains(field.name))
        lines.append(tr("Embedded: the point's vector is computed from it."));
    return lines.join(QLatin1Char('\n'));
}

void PayloadValueDelegate::initStyleOption(QStyleOptionViewItem *option,
                                           const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == PayloadTreeModel::KeyColumn && index.parent().isValid()
        && typeAt(index.parent()) == QJsonValue::Array) {
        // The model keeps positions out of its data; the view shows them.
        option->text = QLatin1Char('[')
            + index.data(PayloadTreeModel::RawValueRole).toString() + QLatin1Char(']');
    }
    if (index.column() == PayloadTreeModel::KeyColumn
        && index.data(PayloadTreeModel::ReadOnlyRole).toBool()) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text,
                                 option->palette.color(QPalette::Disabled, QPalette::Text));
    }
    if (!index.data(PayloadTreeModel::ProblemRole).isNull()) {
        // A red that reads on light and dark palettes alike.
        const QColor red(0xd9, 0x3a, 0x3a);
        option->palette.setColor(QPalette::Text, red);
        option->palette.setColor(QPalette::HighlightedText, red.lighter(160));
    }
}
