#include "filterconditioneditor.h"

#include "filtervaluelist.h"

#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpressionValidator>
#include <QStandardItemModel>
#include <QStyle>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace {

using Kind = FilterCondition::Kind;

// A JSON number as the user would type it: integers without a fraction, others shortest.
QString numberText(const QJsonValue &value)
{
    if (!value.isDouble())
        return value.toString();
    const double d = value.toDouble();
    if (d == std::trunc(d) && std::abs(d) < 9.0e15)
        return QString::number(qint64(d));
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

} // namespace

FilterConditionEditor::FilterConditionEditor(QWidget *parent)
    : QWidget(parent)
    , m_key(new QComboBox(this))
    , m_operator(new QComboBox(this))
    , m_valueType(new QComboBox(this))
    , m_value(new QLineEdit(this))
    , m_boolValue(new QComboBox(this))
    , m_lowerOp(new QComboBox(this))
    , m_lower(new QLineEdit(this))
    , m_upperOp(new QComboBox(this))
    , m_upper(new QLineEdit(this))
    , m_problemIcon(new QLabel(this))
    , m_remove(new QToolButton(this))
{
    // Object names let tests find the parts as a user finds them on screen.
    m_key->setObjectName(QStringLiteral("conditionKey"));
    m_operator->setObjectName(QStringLiteral("conditionOperator"));
    m_valueType->setObjectName(QStringLiteral("valueType"));
    m_value->setObjectName(QStringLiteral("value"));
    m_boolValue->setObjectName(QStringLiteral("boolValue"));
    m_lowerOp->setObjectName(QStringLiteral("lowerOp"));
    m_lower->setObjectName(QStringLiteral("lower"));
    m_upperOp->setObjectName(QStringLiteral("upperOp"));
    m_upper->setObjectName(QStringLiteral("upper"));
    m_problemIcon->setObjectName(QStringLiteral("problemIcon"));
    m_remove->setObjectName(QStringLiteral("removeCondition"));

    m_key->setEditable(true);
    m_key->setInsertPolicy(QComboBox::NoInsert);
    m_key->setMinimumContentsLength(14);
    m_key->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_key->lineEdit()->setPlaceholderText(tr("payload key"));
    m_key->setAccessibleName(tr("Payload key"));
    m_key->setToolTip(tr("A payload key: pick a known one or type any key or path "
                         "(metadata.region, tags[])."));
    m_key->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_key->completer()->setFilterMode(Qt::MatchContains);
    m_key->completer()->setCaseSensitivity(Qt::CaseInsensitive);

    buildOperators();
    m_operator->setAccessibleName(tr("Operator"));

    m_valueType->addItem(tr("text"), int(ValueType::Text));
    m_valueType->addItem(tr("integer"), int(ValueType::Integer));
    m_valueType->addItem(tr("true/false"), int(ValueType::Bool));
    m_valueType->setAccessibleName(tr("Value type"));
    m_valueType->setToolTip(tr("Qdrant tells the text \"42\" from the integer 42: pick the type "
                               "the payload holds."));

    m_value->setAccessibleName(tr("Value"));
    m_value->setClearButtonEnabled(true);
    m_boolValue->addItem(tr("true"), true);
    m_boolValue->addItem(tr("false"), false);
    m_boolValue->setAccessibleName(tr("Value"));

    m_lowerOp->addItem(QStringLiteral("≥"), QStringLiteral("gte"));
    m_lowerOp->addItem(QStringLiteral(">"), QStringLiteral("gt"));
    m_lowerOp->setAccessibleName(tr("Lower bound operator"));
    m_lower->setAccessibleName(tr("Lower bound"));
    m_upperOp->addItem(QStringLiteral("≤"), QStringLiteral("lte"));
    m_upperOp->addItem(QStringLiteral("<"), QStringLiteral("lt"));
    m_upperOp->setAccessibleName(tr("Upper bound operator"));
    m_upper->setAccessibleName(tr("Upper bound"));
    for (QLineEdit *bound : {m_lower, m_upper}) {
        bound->setClearButtonEnabled(true);
        bound->setToolTip(tr("Leave empty for no bound."));
    }

    m_problemIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    m_problemIcon->hide();
    m_remove->setText(QStringLiteral("✕"));
    m_remove->setAutoRaise(true);
    m_remove->setToolTip(tr("Remove this condition"));
    m_remove->setAccessibleName(tr("Remove condition"));

    // The key and the operator keep their width, so that they line up from row to row; the
    // values take the rest, or a filler does when the operator takes no value.
    m_layout = new QHBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
    m_layout->addWidget(m_key);
    m_layout->addWidget(m_operator);
    m_layout->addWidget(m_valueType);
    m_layout->addWidget(m_value, 2);
    m_layout->addWidget(m_boolValue);
    m_layout->addWidget(m_lowerOp);
    m_layout->addWidget(m_lower, 1);
    m_layout->addWidget(m_upperOp);
    m_layout->addWidget(m_upper, 1);
    m_layout->addStretch(0);
    m_fillerIndex = m_layout->count() - 1;
    m_layout->addWidget(m_problemIcon);
    m_layout->addWidget(m_remove);

    const auto notify = [this] {
        if (!m_updating)
            emit changed();
    };
    connect(m_key, &QComboBox::currentTextChanged, this, [this, notify] {
        onKeyEdited();
        notify();
    });
    connect(m_operator, &QComboBox::activated, this, [this] { m_operatorChosen = true; });
    connect(m_operator, &QComboBox::currentIndexChanged, this, [this, notify] {
        onOperatorChosen();
        notify();
    });
    connect(m_valueType, &QComboBox::currentIndexChanged, this, [this, notify] {
        showEditorsFor(kind());
        notify();
    });
    for (QComboBox *box : {m_boolValue, m_lowerOp, m_upperOp})
        connect(box, &QComboBox::currentIndexChanged, this, notify);
    for (QLineEdit *edit : {m_value, m_lower, m_upper})
        connect(edit, &QLineEdit::textChanged, this, notify);
    connect(m_remove, &QToolButton::clicked, this, &FilterConditionEditor::removeRequested);

    showEditorsFor(kind());
}

void FilterConditionEditor::buildOperators()
{
    const QList<QPair<QString, Kind>> operators = {
        {tr("="), Kind::MatchValue},
        {tr("is one of"), Kind::MatchAny},
        {tr("is none of"), Kind::MatchExcept},
        {tr("contains text"), Kind::MatchText},
        {tr("contains any word"), Kind::MatchTextAny},
        {tr("contains phrase"), Kind::MatchPhrase},
        {tr("is in range"), Kind::Range},
        {tr("is in date range"), Kind::DatetimeRange},
        {tr("number of values"), Kind::ValuesCount},
        {tr("is empty"), Kind::IsEmpty},
        {tr("is null"), Kind::IsNull},
        {tr("point id is one of"), Kind::HasId},
    };
    for (const auto &[text, kind] : operators)
        m_operator->addItem(text, int(kind));
    m_operator->setItemData(m_operator->findData(int(Kind::IsEmpty)),
        tr("The key is missing, null or an empty list."), Qt::ToolTipRole);
    m_operator->setItemData(m_operator->findData(int(Kind::IsNull)),
        tr("The key is there and holds null."), Qt::ToolTipRole);
    m_operator->setItemData(m_operator->findData(int(Kind::ValuesCount)),
        tr("How many values the key holds (a list counts each item)."), Qt::ToolTipRole);
}

void FilterConditionEditor::setKnownKeys(const QStringList &keys,
    const QHash<QString, QString> &types)
{
    const QString current = m_key->currentText();
    const bool wasUpdating = m_updating;
    m_updating = true;
    m_key->clear();
    for (const QString &key : keys) {
        m_key->addItem(key);
        const QString type = types.value(key);
        if (!type.isEmpty())
            m_key->setItemData(m_key->count() - 1, type, Qt::ToolTipRole);
    }
    m_keyTypes.clear();
    for (auto it = types.begin(); it != types.end(); ++it)
        m_keyTypes.insert(it.key(), it.value().toLower());
    m_key->setEditText(current);
    m_updating = wasUpdating;
}

QString FilterConditionEditor::keyType(const QString &key) const
{
    return m_keyTypes.value(key.trimmed());
}

void FilterConditionEditor::onKeyEdited()
{
    if (m_updating || m_operatorChosen)
        return;
    // A new key picks the operator and value type that fit its type, until the user picks.
    const QString type = keyType(m_key->currentText());
    Kind kind = Kind::MatchValue;
    ValueType valueType = ValueType::Text;
    if (type == u"integer" || type == u"int") {
        valueType = ValueType::Integer;
    } else if (type == u"bool" || type == u"boolean") {
        valueType = ValueType::Bool;
    } else if (type == u"float" || type == u"double" || type == u"number") {
        kind = Kind::Range;
    } else if (type == u"datetime") {
        kind = Kind::DatetimeRange;
    } else if (type == u"text") {
        kind = Kind::MatchText;
    }
    const QSignalBlocker blocker(m_valueType);
    m_operator->setCurrentIndex(m_operator->findData(int(kind)));
    setValueType(valueType);
    showEditorsFor(kind);
}

void FilterConditionEditor::onOperatorChosen()
{
    showEditorsFor(kind());
}

FilterCondition::Kind FilterConditionEditor::kind() const
{
    return Kind(m_operator->currentData().toInt());
}

FilterConditionEditor::ValueType FilterConditionEditor::valueType() const
{
    return ValueType(m_valueType->currentData().toInt());
}

void FilterConditionEditor::setValueType(ValueType type)
{
    m_valueType->setCurrentIndex(m_valueType->findData(int(type)));
}

void FilterConditionEditor::showEditorsFor(Kind kind)
{
    const bool single = kind == Kind::MatchValue;
    const bool lists = kind == Kind::MatchAny || kind == Kind::MatchExcept;
    const bool ranges
        = kind == Kind::Range || kind == Kind::DatetimeRange || kind == Kind::ValuesCount;
    const bool texts
        = kind == Kind::MatchText || kind == Kind::MatchTextAny || kind == Kind::MatchPhrase;

    // Lists hold text or integers, never booleans.
    auto *types = qobject_cast<QStandardItemModel *>(m_valueType->model());
    types->item(m_valueType->findData(int(ValueType::Bool)))->setEnabled(!lists);
    if (lists && valueType() == ValueType::Bool) {
        const QSignalBlocker blocker(m_valueType);
        setValueType(ValueType::Text);
    }
    const bool boolean = single && valueType() == ValueType::Bool;

    m_key->setEnabled(kind != Kind::HasId);
    m_valueType->setVisible(single || lists);
    m_value->setVisible((single && !boolean) || lists || texts || kind == Kind::HasId);
    m_boolValue->setVisible(boolean);
    for (QWidget *w : std::initializer_list<QWidget *> {m_lowerOp, m_lower, m_upperOp, m_upper})
        w->setVisible(ranges);
    m_layout->setStretch(m_fillerIndex, m_value->isHidden() && !ranges ? 1 : 0);
    // A date and time is read whole or not at all: its boxes never get narrower than one.
    const int dateWidth = kind == Kind::DatetimeRange
        ? m_lower->fontMetrics().horizontalAdvance(QStringLiteral("2024-01-01T00:00:00Z")) + 32
        : 0;
    m_lower->setMinimumWidth(dateWidth);
    m_upper->setMinimumWidth(dateWidth);
    updatePlaceholders();
    updateValidators();
}

void FilterConditionEditor::updatePlaceholders()
{
    const bool integers = valueType() == ValueType::Integer;
    switch (kind()) {
    case Kind::MatchValue:
        m_value->setPlaceholderText(integers ? tr("whole number") : tr("value"));
        break;
    case Kind::MatchAny:
    case Kind::MatchExcept:
        m_value->setPlaceholderText(integers ? tr("1, 2, 3") : tr("a, b, \"c, with comma\""));
        break;
    case Kind::MatchText:
    case Kind::MatchTextAny:
        m_value->setPlaceholderText(tr("words"));
        break;
    case Kind::MatchPhrase:
        m_value->setPlaceholderText(tr("a phrase"));
        break;
    case Kind::HasId:
        m_value->setPlaceholderText(tr("42, 550e8400-e29b-41d4-a716-446655440000"));
        break;
    case Kind::Range:
        m_lower->setPlaceholderText(tr("min"));
        m_upper->setPlaceholderText(tr("max"));
        break;
    case Kind::DatetimeRange:
        m_lower->setPlaceholderText(tr("from: 2024-01-31T00:00:00Z"));
        m_upper->setPlaceholderText(tr("to: 2024-02-29"));
        break;
    case Kind::ValuesCount:
        m_lower->setPlaceholderText(tr("at least"));
        m_upper->setPlaceholderText(tr("at most"));
        break;
    case Kind::IsEmpty:
    case Kind::IsNull:
        break;
    }
}

void FilterConditionEditor::updateValidators()
{
    // Validators stop typos early; what gets through is still checked by FilterTree.
    const auto pattern = [this](const QString &regex) -> QValidator * {
        return new QRegularExpressionValidator(QRegularExpression(regex), this);
    };
    const Kind k = kind();
    const bool integers = valueType() == ValueType::Integer;
    QValidator *value = nullptr;
    if (k == Kind::MatchValue && integers)
        value = pattern(QStringLiteral("-?\\d*"));
    else if ((k == Kind::MatchAny || k == Kind::MatchExcept) && integers)
        value = pattern(QStringLiteral("[-\\d,\\s]*"));
    const auto bounds = [&]() -> QValidator * {
        if (k == Kind::Range)
            return pattern(QStringLiteral("-?\\d*(\\.\\d*)?([eE][-+]?\\d*)?"));
        if (k == Kind::ValuesCount)
            return pattern(QStringLiteral("\\d*"));
        return nullptr;
    };

    const auto install = [this](QLineEdit *edit, QValidator *validator) {
        QValidator *old = const_cast<QValidator *>(edit->validator());
        edit->setValidator(validator);
        // Text the new validator would not let anyone type is no value of the type the user
        // just picked. A condition being shown keeps its text: validate() names the problem.
        int pos = 0;
        QString text = edit->text();
        if (!m_updating && validator && validator->validate(text, pos) == QValidator::Invalid)
            edit->clear();
        delete old;
    };
    install(m_value, value);
    install(m_lower, bounds());
    install(m_upper, bounds());
}

void FilterConditionEditor::setCondition(const FilterCondition &condition)
{
    m_updating = true;
    m_operatorChosen = true; // an existing condition's operator was chosen on purpose
    m_key->setEditText(condition.hasKey() ? condition.key : QString());
    m_operator->setCurrentIndex(m_operator->findData(int(condition.kind)));
    switch (condition.kind) {
    case Kind::MatchValue: {
        const QJsonValue v = condition.value;
        ValueType type = ValueType::Text;
        if (v.isBool())
            type = ValueType::Bool;
        else if (v.isDouble() || (!v.isString() && keyType(condition.key) == u"integer"))
            type = ValueType::Integer;
        setValueType(type);
        m_boolValue->setCurrentIndex(v.toBool(true) ? 0 : 1);
        m_value->setText(v.isDouble() ? numberText(v) : v.toString());
        break;
    }
    case Kind::MatchAny:
    case Kind::MatchExcept: {
        // Any number makes it an integer list, so that text in it stays text (and a mixed
        // list stays mixed for validate() to name).
        const bool integers = std::any_of(condition.values.begin(), condition.values.end(),
            [](const QJsonValue &v) { return v.isDouble(); });
        setValueType(integers ? ValueType::Integer : ValueType::Text);
        m_value->setText(FilterValueList::format(condition.values));
        break;
    }
    case Kind::MatchText:
    case Kind::MatchTextAny:
    case Kind::MatchPhrase:
        m_value->setText(condition.value.toString());
        break;
    case Kind::HasId:
        m_value->setText(FilterValueList::format(condition.values));
        break;
    case Kind::Range:
    case Kind::DatetimeRange:
    case Kind::ValuesCount:
        setBounds(condition.bounds, condition.kind);
        break;
    case Kind::IsEmpty:
    case Kind::IsNull:
        break;
    }
    showEditorsFor(condition.kind);
    // Values are read from their start.
    for (QLineEdit *edit : {m_value, m_lower, m_upper})
        edit->setCursorPosition(0);
    m_updating = false;
}

void FilterConditionEditor::setBounds(const FilterBounds &bounds, Kind kind)
{
    const auto text = [kind](const QJsonValue &v) {
        if (v.isUndefined())
            return QString();
        return kind == Kind::DatetimeRange && v.isString() ? v.toString() : numberText(v);
    };
    const bool strictLower = !bounds.gt.isUndefined();
    m_lowerOp->setCurrentIndex(m_lowerOp->findData(
        strictLower ? QStringLiteral("gt") : QStringLiteral("gte")));
    m_lower->setText(text(strictLower ? bounds.gt : bounds.gte));
    const bool strictUpper = !bounds.lt.isUndefined();
    m_upperOp->setCurrentIndex(m_upperOp->findData(
        strictUpper ? QStringLiteral("lt") : QStringLiteral("lte")));
    m_upper->setText(text(strictUpper ? bounds.lt : bounds.lte));
}

FilterCondition FilterConditionEditor::condition() const
{
    const Kind k = kind();
    const QString key = m_key->currentText().trimmed();
    switch (k) {
    case Kind::MatchValue:
        return FilterCondition::withValue(k, key, singleValue());
    case Kind::MatchAny:
    case Kind::MatchExcept:
        return FilterCondition::withValues(k, key, listValues(false));
    case Kind::MatchText:
    case Kind::MatchTextAny:
    case Kind::MatchPhrase:
        return FilterCondition::withValue(k, key, m_value->text());
    case Kind::Range:
    case Kind::DatetimeRange:
    case Kind::ValuesCount: {
        FilterBounds bounds;
        const QJsonValue lower = boundValue(m_lower);
        const QJsonValue upper = boundValue(m_upper);
        (m_lowerOp->currentData().toString() == u"gt" ? bounds.gt : bounds.gte) = lower;
        (m_upperOp->currentData().toString() == u"lt" ? bounds.lt : bounds.lte) = upper;
        return FilterCondition::withBounds(k, key, bounds);
    }
    case Kind::IsEmpty:
    case Kind::IsNull:
        return FilterCondition::onKey(k, key);
    case Kind::HasId:
        return FilterCondition::withValues(k, QString(), listValues(true));
    }
    return {};
}

QJsonValue FilterConditionEditor::singleValue() const
{
    switch (valueType()) {
    case ValueType::Bool:
        return m_boolValue->currentData().toBool();
    case ValueType::Integer: {
        bool ok = false;
        const qint64 n = m_value->text().trimmed().toLongLong(&ok);
        // Not a whole number yet ("", "-"): no value, which validate() asks for.
        return ok ? QJsonValue(n) : QJsonValue(QJsonValue::Null);
    }
    case ValueType::Text:
        break;
    }
    return m_value->text().isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_value->text());
}

QJsonArray FilterConditionEditor::listValues(bool ids) const
{
    const bool integers = ids || valueType() == ValueType::Integer;
    QJsonArray values;
    for (const QString &item : FilterValueList::split(m_value->text())) {
        bool ok = false;
        const qint64 n = integers ? item.toLongLong(&ok) : 0;
        if (ok)
            values.append(n);
        else if (integers && !ids && item == u"-")
            continue; // a number being typed
        else
            values.append(item); // validate() names it: ids must be ids, lists one type
    }
    return values;
}

QJsonValue FilterConditionEditor::boundValue(const QLineEdit *edit) const
{
    const QString text = edit->text().trimmed();
    if (text.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    bool ok = false;
    if (kind() == Kind::Range) {
        const double d = QLocale::c().toDouble(text, &ok);
        return ok ? QJsonValue(d) : QJsonValue(text);
    }
    if (kind() == Kind::ValuesCount) {
        const qint64 n = text.toLongLong(&ok);
        return ok ? QJsonValue(n) : QJsonValue(text);
    }
    return text;
}

void FilterConditionEditor::setProblems(const QStringList &problems)
{
    m_problems = problems;
    m_problemIcon->setVisible(!problems.isEmpty());
    m_problemIcon->setToolTip(problems.join(u'\n'));
}

QList<QWidget *> FilterConditionEditor::tabOrder() const
{
    return {m_key, m_operator, m_valueType, m_value, m_boolValue, m_lowerOp, m_lower, m_upperOp,
        m_upper, m_remove};
}

void FilterConditionEditor::focusFirstField()
{
    if (m_key->isEnabled())
        m_key->setFocus(Qt::OtherFocusReason);
    else
        m_value->setFocus(Qt::OtherFocusReason);
}
