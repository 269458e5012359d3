#include "presentationoptions.h"

#include "payloadpath.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>

#include <cmath>

namespace {

const QString kScaleKey = QStringLiteral("presentation/fontScale");
const QString kMaskedKey = QStringLiteral("presentation/maskedFields");

double clampScale(double scale)
{
    if (!std::isfinite(scale))
        return 1.0;
    return qBound(PresentationOptions::MinFontScale, scale, PresentationOptions::MaxFontScale);
}

QStringList normalised(const QStringList &fields)
{
    QStringList out;
    for (const QString &field : fields) {
        const QString trimmed = field.trimmed();
        if (!trimmed.isEmpty() && !out.contains(trimmed))
            out.append(trimmed);
    }
    out.sort();
    return out;
}

} // namespace

PresentationOptions::PresentationOptions(QObject *parent) : QObject(parent)
{
    QSettings settings;
    m_fontScale = clampScale(settings.value(kScaleKey, 1.0).toDouble());
    m_maskedFields = normalised(settings.value(kMaskedKey).toStringList());
}

PresentationOptions::~PresentationOptions() = default;

QString PresentationOptions::maskText()
{
    return QStringLiteral("\u2022\u2022\u2022\u2022\u2022");
}

bool PresentationOptions::isMaskedBy(const QString &key, const QStringList &maskedFields)
{
    for (const QString &field : maskedFields) {
        if (key == field)
            return true;
        // A path inside a masked object, or an object whose JSON would show a masked path.
        if (key.startsWith(field) && key.at(field.size()) == QLatin1Char('.'))
            return true;
        if (field.startsWith(key) && field.at(key.size()) == QLatin1Char('.'))
            return true;
    }
    return false;
}

bool PresentationOptions::isInsideMasked(const QString &path, const QStringList &maskedFields)
{
    for (const QString &field : maskedFields) {
        if (path == field)
            return true;
        if (path.startsWith(field)
            && (path.at(field.size()) == QLatin1Char('.') || path.at(field.size()) == u'['))
            return true;
    }
    return false;
}

QJsonValue PresentationOptions::maskedValue(const QString &path, const QJsonValue &value,
                                            const QStringList &maskedFields)
{
    if (maskedFields.isEmpty())
        return value;
    if (!path.isEmpty() && isInsideMasked(path, maskedFields))
        return maskText();
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = maskedValue(PayloadPath::member(path, it.key()), it.value(),
                                     maskedFields);
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array[i] = maskedValue(PayloadPath::item(path, i), array.at(i), maskedFields);
        return array;
    }
    return value;
}

void PresentationOptions::setFontScale(double scale)
{
    scale = clampScale(scale);
    if (qFuzzyCompare(scale, m_fontScale))
        return;
    m_fontScale = scale;
    save();
    emit changed();
}

void PresentationOptions::setMaskedFields(const QStringList &fields)
{
    const QStringList clean = normalised(fields);
    if (clean == m_maskedFields)
        return;
    m_maskedFields = clean;
    save();
    emit changed();
}

QFont PresentationOptions::scaledFont(const QFont &base) const
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * m_fontScale);
    else if (base.pixelSize() > 0)
        font.setPixelSize(qRound(base.pixelSize() * m_fontScale));
    return font;
}

void PresentationOptions::save() const
{
    QSettings settings;
    settings.setValue(kScaleKey, m_fontScale);
    settings.setValue(kMaskedKey, m_maskedFields);
}
