#pragma once

#include <QCache>
#include <QColor>
#include <QFont>
#include <QHash>
#include <QMargins>
#include <QStaticText>
#include <QStyledItemDelegate>

/// Paints the cells of the points table with their text laid out once: a cell's elided text
/// is kept as a QStaticText per (text, width) for the view's font, so the values that repeat
/// down a column (keywords, tenants, flags, dates) are not shaped again on every frame while
/// scrolling. A plain cell (not selected, current or hovered, no background, icon or check)
/// is painted without the style, which would draw nothing there; any other is painted by the
/// style as QStyledItemDelegate does, with our text on top. With setGridShown(true) the cells
/// draw the table's grid themselves (the view's own grid is then turned off).
class PointCellDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    /// Texts kept at most (a few screens' worth of distinct values).
    static constexpr int CacheSize = 4000;

    explicit PointCellDelegate(QObject *parent = nullptr);
    ~PointCellDelegate() override;

    /// Draws a grid line along each cell's right and bottom edge, in the style's grid colour,
    /// as QTableView's grid would (turn that one off). The view strokes each grid line across
    /// the whole viewport, and the raster engine splits such a stroke over a thread pool and
    /// waits for it; a cell's edge is two solid fills done in place.
    void setGridShown(bool shown) { m_grid = shown; }
    /// True when the cells draw the grid.
    bool isGridShown() const { return m_grid; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    struct TextKey
    {
        QString text;
        int width = 0;
        friend bool operator==(const TextKey &a, const TextKey &b)
        {
            return a.width == b.width && a.text == b.text;
        }
        friend size_t qHash(const TextKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.text, key.width);
        }
    };

    const QStaticText *laidOut(const QString &text, int width, const QFont &font) const;
    /// Where the style puts a plain cell's text inside its rectangle (asked once per size).
    QMargins textMargins(const QStyleOptionViewItem &option, QStyle *style) const;
    QColor gridColor(const QStyleOptionViewItem &option, QStyle *style) const;

    bool m_grid = false;
    mutable QFont m_font; ///< the font the cached texts were laid out in
    mutable int m_fontMaxWidth = -1; ///< -1 until the first text is laid out
    mutable QCache<TextKey, QStaticText> m_texts;
    mutable const QStyle *m_marginsStyle = nullptr;
    mutable QHash<quint64, QMargins> m_margins;
    mutable const QStyle *m_gridStyle = nullptr;
    mutable qint64 m_gridPalette = 0;
    mutable QColor m_gridColor;
};
