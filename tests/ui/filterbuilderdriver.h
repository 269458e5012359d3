#pragma once

// Drives a FilterBuilder offscreen as a user would (find its parts, pick from a combo box with
// the keyboard, type), for tst_filterbuilder.

#include "filterbuilder.h"
#include "filterconditioneditor.h"
#include "filtergroupeditor.h"

#include <QComboBox>
#include <QtTest>

namespace FilterBuilderDriver {

inline FilterGroupEditor *root(FilterBuilder &b)
{
    return b.findChild<FilterGroupEditor *>(QStringLiteral("rootGroup"));
}

template <typename T> T *part(QWidget *w, const char *name)
{
    // Direct children only: a group's own buttons, not those of the groups inside it.
    T *found = w->findChild<T *>(QString::fromLatin1(name), Qt::FindDirectChildrenOnly);
    if (!found)
        qFatal("no %s in the widget", name);
    return found;
}

inline FilterConditionEditor *conditionAt(FilterBuilder &b, const QList<int> &path)
{
    return qobject_cast<FilterConditionEditor *>(root(b)->editorAt(path));
}

// Picks an item the way a keyboard user does: focus, then Down / Up until it shows.
inline bool choose(QComboBox *box, const QString &text)
{
    box->setFocus();
    if (box->findText(text) < 0)
        return false;
    const Qt::Key key = box->findText(text) > box->currentIndex() ? Qt::Key_Down : Qt::Key_Up;
    for (int i = 0; i < box->count() && box->currentText() != text; ++i)
        QTest::keyClick(box, key);
    return box->currentText() == text;
}

inline void typeInto(QWidget *w, const QString &text)
{
    w->setFocus();
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            QTest::keyClick(w, Qt::Key_Return);
        QTest::keyClicks(w, lines.at(i));
    }
}

// Shown on screen (or about to be: a row added to a shown group is shown by a queued
// event, so positive checks wait with QTRY_VERIFY).
inline bool shown(const QWidget *w) { return w->isVisibleTo(w->window()); }

inline void show(FilterBuilder &b)
{
    b.resize(900, 420);
    b.show();
    QVERIFY(QTest::qWaitForWindowExposed(&b));
}

} // namespace FilterBuilderDriver
