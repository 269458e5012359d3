#pragma once

#include <QColor>
#include <QString>
#include <QWidget>

struct ConnectionProfile;

/// The connection profile's name on its colour, with a READ-ONLY marker when the profile
/// refuses writes: the stripe in the status bar and the window that keeps production from
/// being mistaken for staging. The text is black or white, whichever reads better on the
/// colour, so it stays readable on dark and light palettes alike; a profile without a colour
/// gets an outlined badge in the palette's own colours.
class ProfileBadge final : public QWidget
{
    Q_OBJECT

public:
    explicit ProfileBadge(QWidget *parent = nullptr);

    /// Shows that profile's name, colour and read-only flag.
    void setProfile(const ConnectionProfile &profile);
    void setProfile(const QString &name, const QString &colour, bool readOnly);
    /// Shows that there is no connection.
    void clear();

    QString text() const { return m_name; }
    bool showsReadOnly() const { return m_readOnly; }
    /// The fill behind the name; the palette's window colour for a profile without a colour.
    QColor backgroundColour() const;
    /// The colour the name is drawn in.
    QColor textColour() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QString readOnlyText() const;
    void updateDescription();

    QString m_name;
    QColor m_colour; ///< invalid when the profile has none
    bool m_readOnly = false;
};
