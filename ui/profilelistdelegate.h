#pragma once

#include <QStyledItemDelegate>

/// Draws one connection profile in the connection dialog's list: a stripe of the profile's
/// colour down the left edge, the name, a second line (the server, or "not saved"), and a
/// READ-ONLY tag, so the list shows at a glance which entry is production.
class ProfileListDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    /// The item data the delegate reads besides Qt::DisplayRole (the name).
    enum Role {
        ColourRole = Qt::UserRole + 1, ///< "#rrggbb" or empty
        DetailRole, ///< the second line
        ReadOnlyRole, ///< bool
        UnsavedRole, ///< bool: drawn in italics
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};
