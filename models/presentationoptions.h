#pragma once

#include <QFont>
#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QStringList>

/// How the console looks while someone is watching (a demo, a screen share): a font scale
/// applied app-wide, and payload fields whose values are masked ("•••••") in the points table,
/// the search results and the payload editor (its tree, its diff before saving). Only what is
/// shown changes, never the data: edits, exports and copies still see the real values.
/// Persisted in QSettings (group "presentation"); every change is saved at once and announced
/// with changed().
class PresentationOptions final : public QObject
{
    Q_OBJECT

public:
    static constexpr double MinFontScale = 0.8;
    static constexpr double MaxFontScale = 2.5;

    /// Reads the saved options (defaults: scale 1, nothing masked).
    explicit PresentationOptions(QObject *parent = nullptr);
    ~PresentationOptions() override;

    /// What a masked value is shown as.
    static QString maskText();
    /// True when a payload key or path (`metadata.email`) is masked by one of the fields:
    /// the field itself, a path inside it, or an object holding a masked path (its JSON
    /// would show the value).
    static bool isMaskedBy(const QString &key, const QStringList &maskedFields);
    /// True when a PayloadPath (`metadata.email`, `tags[2]`) is one of the masked fields or
    /// inside one (unlike isMaskedBy, an object merely holding a masked path is not).
    static bool isInsideMasked(const QString &path, const QStringList &maskedFields);
    /// value, found at the PayloadPath path ("" for the whole payload), as it may be shown:
    /// each masked field's value replaced by maskText(), everything else as it is. For
    /// display only: never write what it returns.
    static QJsonValue maskedValue(const QString &path, const QJsonValue &value,
                                  const QStringList &maskedFields);

    double fontScale() const { return m_fontScale; }
    /// Sets the font scale (clamped to Min..MaxFontScale); saves and emits changed().
    void setFontScale(double scale);
    /// The payload fields (top-level keys or paths) whose values are masked, sorted.
    QStringList maskedFields() const { return m_maskedFields; }
    /// Sets the masked fields (blank ones dropped, duplicates once); saves, emits changed().
    void setMaskedFields(const QStringList &fields);
    /// isMaskedBy() with these options' fields.
    bool isMasked(const QString &key) const { return isMaskedBy(key, m_maskedFields); }

    /// base scaled by fontScale() (point size, or pixel size for a pixel-sized font).
    QFont scaledFont(const QFont &base) const;

signals:
    void changed();

private:
    void save() const;

    double m_fontScale = 1.0;
    QStringList m_maskedFields;
};
