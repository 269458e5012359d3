#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

/// What is wrong with a payload, and where (a PayloadPath; empty for the payload as a whole).
struct PayloadProblem
{
    QString path;
    QString message;

    friend bool operator==(const PayloadProblem &a, const PayloadProblem &b)
    {
        return a.path == b.path && a.message == b.message;
    }
};

Q_DECLARE_METATYPE(PayloadProblem)
