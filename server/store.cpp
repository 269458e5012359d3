#include "store.h"

#include "apierror.h"
#include "storage.h"

namespace mstore {

namespace {

void checkName(const std::string &name)
{
    if (name.empty() || name.size() > 255)
        throw ApiError::badInput("collection name must be 1 to 255 characters long");
    // A collection's snapshots live in snapshots/<name>: "." and ".." would name the snapshot
    // root or the data folder itself (a snapshot delete could then remove the store's file).
    if (name == "." || name == "..")
        throw ApiError::badInput("collection name `" + name + "` is not allowed");
    // Qdrant's list (common::validation::validate_collection_name), 0x1F included.
    for (const char c : name) {
        if (c == '/' || c == '\\' || c == '\0' || c == ':' || c == '*' || c == '?' || c == '"'
            || c == '<' || c == '>' || c == '|' || c == '\x1f')
            throw ApiError::badInput("collection name `" + name
                                     + "` contains a character that is not allowed: " + c);
    }
}

} // namespace

Store::Store(const std::string &dataDir)
    : m_dataDir(dataDir), m_storage(std::make_unique<Storage>(dataDir))
{
    for (auto &[name, meta] : m_storage->loadCollections()) {
        auto collection = std::make_shared<Collection>(
            name, CollectionConfig::fromJson(meta.at("config")), *m_storage);
        collection->restoreMeta(meta);
        m_storage->loadPoints(name, [&](PersistedPoint &&p) { collection->loadPoint(std::move(p)); });
        m_collections.emplace(name, std::move(collection));
    }
    m_aliases = m_storage->loadAliases();
}

Store::~Store() = default;

std::string Store::resolve(const std::string &name) const
{
    if (m_collections.contains(name))
        return name;
    if (const auto it = m_aliases.find(name); it != m_aliases.end())
        return it->second;
    return name;
}

std::shared_ptr<Collection> Store::collection(const std::string &name) const
{
    std::shared_lock lock(m_mutex);
    const auto it = m_collections.find(resolve(name));
    if (it == m_collections.end())
        throw ApiError::collectionNotFound(name);
    return it->second;
}

bool Store::exists(const std::string &name) const
{
    std::shared_lock lock(m_mutex);
    return m_collections.contains(resolve(name));
}

std::vector<std::string> Store::collectionNames() const
{
    std::shared_lock lock(m_mutex);
    std::vector<std::string> names;
    for (const auto &[name, collection] : m_collections)
        names.push_back(name);
    return names;
}

void Store::createCollection(const std::string &name, CollectionConfig config)
{
    checkName(name);
    std::unique_lock lock(m_mutex);
    if (m_collections.contains(name))
        throw ApiError::conflict("Wrong input: Collection `" + name + "` already exists!");
    // Qdrant answers this one with a 400 (bad input), not the 409 of a taken collection name.
    if (m_aliases.contains(name))
        throw ApiError::wrongInput("Can't create collection with name " + name
                                   + ". Alias with the same name already exists");
    auto collection = std::make_shared<Collection>(name, std::move(config), *m_storage);
    m_storage->putCollection(name, collection->meta());
    m_collections.emplace(name, std::move(collection));
}

bool Store::dropCollection(const std::string &name)
{
    std::unique_lock lock(m_mutex);
    const auto it = m_collections.find(name);
    if (it == m_collections.end())
        return false;
    m_storage->dropCollection(name);
    m_collections.erase(it);
    // Qdrant removes the aliases of a deleted collection with it.
    bool aliasesChanged = false;
    for (auto a = m_aliases.begin(); a != m_aliases.end();) {
        if (a->second == name) {
            a = m_aliases.erase(a);
            aliasesChanged = true;
        } else {
            ++a;
        }
    }
    if (aliasesChanged)
        m_storage->putAliases(m_aliases);
    return true;
}

void Store::replaceCollection(const std::string &name, std::shared_ptr<Collection> collection)
{
    std::unique_lock lock(m_mutex);
    m_collections[name] = std::move(collection);
}

void Store::updateAliases(const Json &actions)
{
    if (!actions.is_array())
        throw ApiError::jsonError("actions: expected a list of alias operations");
    std::unique_lock lock(m_mutex);
    std::map<std::string, std::string> next = m_aliases;
    for (size_t i = 0; i < actions.size(); ++i) {
        const Json &action = actions[i];
        const std::string at = "actions[" + std::to_string(i) + "]";
        auto field = [&](const Json &obj, const char *key) {
            if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string())
                throw ApiError::jsonError(at + ": missing field `" + key + "`");
            return obj[key].get<std::string>();
        };
        if (action.contains("create_alias")) {
            const Json &op = action["create_alias"];
            const std::string collection = field(op, "collection_name");
            const std::string alias = field(op, "alias_name");
            if (!m_collections.contains(collection))
                throw ApiError::collectionNotFound(collection);
            if (m_collections.contains(alias))
                throw ApiError::conflict("Wrong input: Collection `" + alias + "` already exists!");
            next[alias] = collection; // Qdrant re-points an existing alias
        } else if (action.contains("delete_alias")) {
            // Idempotent, as in Qdrant: deleting an alias that is not there succeeds.
            next.erase(field(action["delete_alias"], "alias_name"));
        } else if (action.contains("rename_alias")) {
            const Json &op = action["rename_alias"];
            const std::string from = field(op, "old_alias_name");
            const std::string to = field(op, "new_alias_name");
            const auto it = next.find(from);
            if (it == next.end())
                throw ApiError::notFound("Alias " + from + " does not exists!");
            const std::string target = it->second;
            next.erase(it);
            next[to] = target;
        } else {
            throw ApiError::jsonError(at + ": expected create_alias, delete_alias or rename_alias");
        }
    }
    m_storage->putAliases(next);
    m_aliases = std::move(next);
}

std::map<std::string, std::string> Store::aliases(const std::string &collection) const
{
    std::shared_lock lock(m_mutex);
    if (collection.empty())
        return m_aliases;
    std::map<std::string, std::string> out;
    for (const auto &[alias, target] : m_aliases) {
        if (target == collection)
            out.emplace(alias, target);
    }
    return out;
}

} // namespace mstore
