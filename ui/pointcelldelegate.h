#pragma once

#include <QCache>
#include <QStaticText>
#include <QStyledItemDelegate>

/// Paints the cells of the points table with their text laid out once: a cell's elided text
/// is kept as a QStaticText per (text, width, font), so the values that repeat down a column
/// (keywords, tenants, flags, dates) are not shaped again on every frame while scrolling. The
/// rest (background, selection, focus) is the style's, as QStyledItemDelegate draws it.
class PointCellDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    /// Texts kept at most (a few screens' worth of distinct values).
    static constexpr int CacheSize = 4000;

    explicit PointCellDelegate(QObject *parent = nullptr);
    ~PointCellDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;

private:
    const QStaticText *laidOut(const QString &text, int width, const QFont &font) const;

    mutable QCache<QString, QStaticText> m_texts;
};
