#include "benchresults.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace bench {

namespace fs = std::filesystem;

std::string mergeResults(const std::string &path, const Figures &figures)
{
    nlohmann::json results = nlohmann::json::object();
    std::error_code ec;
    if (fs::exists(path, ec)) {
        std::ifstream in(path);
        if (!in)
            return "cannot read " + path;
        std::stringstream text;
        text << in.rdbuf();
        // An empty file (for example made by mktemp) is a results file with nothing in it yet.
        if (text.str().find_first_not_of(" \t\r\n") != std::string::npos) {
            results = nlohmann::json::parse(text.str(), nullptr, false);
            if (!results.is_object()) {
                return path + " is not a flat JSON object of figures; left as it is (move it "
                              "away or pass another --out)";
            }
        }
    }
    for (const auto &[key, value] : figures) {
        // JSON has no NaN or infinity; a figure that could not be measured is null.
        results[key] = std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
    }
    const fs::path file(path);
    if (file.has_parent_path())
        fs::create_directories(file.parent_path(), ec);
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << results.dump(2) << '\n';
        out.flush();
        if (!out) {
            fs::remove(temporary, ec);
            return "cannot write " + temporary;
        }
    }
    fs::rename(temporary, path, ec);
    if (ec) {
        const std::string why = ec.message();
        fs::remove(temporary, ec);
        return "cannot replace " + path + ": " + why;
    }
    return {};
}

} // namespace bench
