#include "payloadtreecommand.h"

#include "payloadnode.h"
#include "payloadtreemodel.h"

PayloadTreeCommand::PayloadTreeCommand(PayloadTreeModel *model, Kind kind, QList<int> target,
                                       int row, std::unique_ptr<PayloadNode> held,
                                       const QString &text)
    : QUndoCommand(text)
    , m_model(model)
    , m_kind(kind)
    , m_target(std::move(target))
    , m_row(row)
    , m_held(std::move(held))
{
}

PayloadTreeCommand::~PayloadTreeCommand() = default;

void PayloadTreeCommand::redo()
{
    switch (m_kind) {
    case Kind::ReplaceContent:
    case Kind::Rename:
        swap();
        break;
    case Kind::Insert:
        insert();
        break;
    case Kind::Remove:
        take();
        break;
    }
    m_model->updateModified();
}

void PayloadTreeCommand::undo()
{
    switch (m_kind) {
    case Kind::ReplaceContent:
    case Kind::Rename:
        swap();
        break;
    case Kind::Insert:
        take();
        break;
    case Kind::Remove:
        insert();
        break;
    }
    m_model->updateModified();
}

void PayloadTreeCommand::swap()
{
    PayloadNode *node = m_model->nodeAt(m_target);
    if (m_kind == Kind::Rename)
        m_model->swapKey(node, m_held->key);
    else
        m_model->swapContent(node, *m_held);
}

void PayloadTreeCommand::insert()
{
    m_model->insertNode(m_model->nodeAt(m_target), m_row, std::move(m_held));
}

void PayloadTreeCommand::take()
{
    m_held = m_model->takeNode(m_model->nodeAt(m_target), m_row);
}
