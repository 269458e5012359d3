#include "schemaformfield.h"

#include "inlinemessage.h"
#include "payloadtext.h"
#include "payloadvalues.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QToolButton>
#include <QUuid>
#include <QVBoxLayout>

#include <cmath>

namespace {

constexpr int kFloatDecimals = 3;

// A plain text box about `lines` lines high: the form stays compact, the box scrolls.
void fitLines(QPlainTextEdit *edit, int lines, bool fixed)
{
    const int height = edit->fontMetrics().lineSpacing() * lines
        + 2 * (edit->frameWidth() + int(edit->document()->documentMargin()));
    if (fixed)
        edit->setFixedHeight(height);
    else
        edit->setMinimumHeight(height);
}

} // namespace

SchemaFormField::SchemaFormField(const SchemaField &field, bool embedded, QWidget *parent)
    : QWidget(parent)
    , m_field(field)
    , m_embedded(embedded)
    , m_kind(kindFor(field, embedded))
    , m_problem(new InlineMessage(this))
{
    setObjectName(field.name);
    m_editor = makeEditor();
    m_editor->setObjectName(field.name + QStringLiteral("Editor"));
    m_editor->setToolTip(help());

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    if (m_include)
        row->addWidget(m_include);
    row->addWidget(m_editor, 1);
    if (field.type == u"uuid") {
        auto *generate = new QToolButton(this);
        generate->setObjectName(field.name + QStringLiteral("NewUuid"));
        generate->setText(tr("New"));
        generate->setToolTip(tr("Fill in a new random UUID"));
        connect(generate, &QToolButton::clicked, this, [this] {
            static_cast<QLineEdit *>(m_editor)->setText(
                QUuid::createUuid().toString(QUuid::WithoutBraces));
        });
        row->addWidget(generate);
    }

    m_problem->setObjectName(field.name + QStringLiteral("Problem"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_problem);
}

SchemaFormField::~SchemaFormField() = default;

SchemaFormField::Kind SchemaFormField::kindFor(const SchemaField &field, bool embedded)
{
    const QString &type = field.type;
    if (type == u"keyword" && !field.choices.isEmpty())
        return Kind::Choice;
    if (type == u"bool")
        return Kind::Boolean;
    if (type == u"float" || type == u"integer")
        return field.minimum && field.maximum ? Kind::Range : Kind::Number;
    if (type == u"datetime")
        return Kind::DateTime;
    if (type == u"object")
        return Kind::Object;
    if (type.endsWith(QLatin1String("[]")))
        return Kind::List;
    if (type == u"text" && embedded)
        return Kind::Lines;
    return Kind::Line;
}

QWidget *SchemaFormField::makeEditor()
{
    switch (m_kind) {
    case Kind::Choice:
    case Kind::Boolean: {
        auto *combo = new QComboBox(this);
        combo->addItem(tr("(not set)"));
        if (m_kind == Kind::Boolean) {
            combo->addItem(QStringLiteral("true"), true);
            combo->addItem(QStringLiteral("false"), false);
        } else {
            for (const QString &choice : m_field.choices)
                combo->addItem(choice, choice);
        }
        connect(combo, &QComboBox::currentIndexChanged, this, &SchemaFormField::edited);
        return combo;
    }
    case Kind::Range: {
        auto *spin = new QDoubleSpinBox(this);
        spin->setDecimals(m_field.type == u"integer" ? 0 : kFloatDecimals);
        spin->setRange(*m_field.minimum, *m_field.maximum);
        spin->setSingleStep(
            m_field.type == u"integer" ? 1.0 : (*m_field.maximum - *m_field.minimum) / 20.0);
        spin->setEnabled(false);
        // A spin box always holds a number; the tick says whether it goes into the payload.
        m_include = new QCheckBox(tr("Set"), this);
        m_include->setToolTip(tr("Write %1 into the record").arg(m_field.name));
        connect(m_include, &QCheckBox::toggled, spin, &QWidget::setEnabled);
        connect(m_include, &QCheckBox::toggled, this, &SchemaFormField::edited);
        connect(spin, &QDoubleSpinBox::valueChanged, this, &SchemaFormField::edited);
        return spin;
    }
    case Kind::DateTime: {
        auto *edit = new QDateTimeEdit(this);
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        edit->setCalendarPopup(true);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        edit->setDateTime(QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC));
        m_include = new QCheckBox(tr("Set"), this);
        m_include->setToolTip(tr("Write %1 into the record").arg(m_field.name));
        m_include->setChecked(true);
        connect(m_include, &QCheckBox::toggled, edit, &QWidget::setEnabled);
        connect(m_include, &QCheckBox::toggled, this, &SchemaFormField::edited);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &SchemaFormField::edited);
        return edit;
    }
    case Kind::Lines:
    case Kind::Object:
    case Kind::List: {
        auto *edit = new QPlainTextEdit(this);
        edit->setTabChangesFocus(true);
        if (m_kind == Kind::Lines) {
            edit->setPlaceholderText(tr("The text the record's vector is computed from"));
            fitLines(edit, 6, false);
        } else if (m_kind == Kind::Object) {
            edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            edit->setPlaceholderText(tr("A JSON object, e.g. {\"max_num_seqs\": 128}"));
            fitLines(edit, 3, true);
        } else {
            edit->setPlaceholderText(tr("One per line or comma-separated"));
            fitLines(edit, 2, true);
        }
        edit->setSizePolicy(QSizePolicy::Expanding,
            m_kind == Kind::Lines ? QSizePolicy::Expanding : QSizePolicy::Fixed);
        connect(edit, &QPlainTextEdit::textChanged, this, &SchemaFormField::edited);
        return edit;
    }
    case Kind::Number:
    case Kind::Line:
        break;
    }
    auto *line = new QLineEdit(this);
    if (m_kind == Kind::Number)
        line->setPlaceholderText(
            m_field.type == u"integer" ? tr("A whole number") : tr("A number, e.g. 12.5"));
    else if (m_field.type == u"uuid")
        line->setPlaceholderText(QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e"));
    else if (!m_field.notes.isEmpty())
        line->setPlaceholderText(m_field.notes);
    connect(line, &QLineEdit::textChanged, this, &SchemaFormField::edited);
    return line;
}

QString SchemaFormField::editorText() const
{
    if (auto *line = qobject_cast<QLineEdit *>(m_editor))
        return line->text().trimmed();
    if (auto *text = qobject_cast<QPlainTextEdit *>(m_editor))
        return text->toPlainText().trimmed();
    return QString();
}

QJsonValue SchemaFormField::value() const
{
    switch (m_kind) {
    case Kind::Choice:
    case Kind::Boolean: {
        const QVariant data = static_cast<QComboBox *>(m_editor)->currentData();
        return data.isValid() ? QJsonValue::fromVariant(data) : QJsonValue(QJsonValue::Undefined);
    }
    case Kind::Range: {
        if (!m_include->isChecked())
            return QJsonValue::Undefined;
        const double number = static_cast<QDoubleSpinBox *>(m_editor)->value();
        return m_field.type == u"integer" ? QJsonValue(qint64(std::llround(number)))
                                          : QJsonValue(number);
    }
    case Kind::DateTime: {
        if (!m_include->isChecked())
            return QJsonValue::Undefined;
        const QDateTime utc = static_cast<QDateTimeEdit *>(m_editor)->dateTime().toUTC();
        return utc.toString(Qt::ISODate);
    }
    case Kind::Number: {
        const std::optional<QJsonValue> number = PayloadValues::parseNumber(editorText());
        return number ? *number : QJsonValue(QJsonValue::Undefined);
    }
    case Kind::Object: {
        const QString text = editorText();
        if (text.isEmpty())
            return QJsonValue::Undefined;
        const PayloadTextParse parsed = PayloadText::parse(text);
        return parsed.payload ? QJsonValue(*parsed.payload) : QJsonValue(QJsonValue::Undefined);
    }
    case Kind::List: {
        static const QRegularExpression separators(QStringLiteral("[,\\n]"));
        QJsonArray items;
        for (const QString &part : editorText().split(separators)) {
            if (!part.trimmed().isEmpty())
                items.append(part.trimmed());
        }
        return items.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(items);
    }
    case Kind::Lines:
    case Kind::Line:
        break;
    }
    const QString text = editorText();
    return text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text);
}

QString SchemaFormField::inputProblem() const
{
    const QString text = editorText();
    if (text.isEmpty())
        return QString();
    if (m_kind == Kind::Number && !PayloadValues::parseNumber(text))
        return tr("“%1” is not a number.").arg(text);
    if (m_kind == Kind::Object) {
        const PayloadTextParse parsed = PayloadText::parse(text);
        if (!parsed.payload) {
            return tr("Not a JSON object: %1 (line %2, column %3).")
                .arg(parsed.message)
                .arg(parsed.line)
                .arg(parsed.column);
        }
    }
    return QString();
}

void SchemaFormField::setProblem(const QString &text)
{
    if (text.isEmpty())
        m_problem->clearMessage();
    else
        m_problem->showError(text);
}

QString SchemaFormField::problem() const
{
    return m_problem->text();
}

QString SchemaFormField::help() const
{
    QStringList lines {m_field.name + QStringLiteral(" (") + m_field.type + QLatin1Char(')')};
    if (!m_field.notes.isEmpty())
        lines.append(m_field.notes);
    if (m_field.minimum && m_field.maximum) {
        lines.append(
            tr("From %1 to %2.")
                .arg(QString::number(*m_field.minimum), QString::number(*m_field.maximum)));
    }
    if (!m_field.choices.isEmpty())
        lines.append(tr("One of: %1.").arg(m_field.choices.join(QStringLiteral(", "))));
    if (m_field.required)
        lines.append(tr("Required."));
    if (m_embedded)
        lines.append(tr("Embedded: the record's vector is computed from it."));
    return lines.join(QLatin1Char('\n'));
}
