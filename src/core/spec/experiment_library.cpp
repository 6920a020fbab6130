#include "core/spec/experiment_library.h"

#include "core/record/run_store.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace ktw {
namespace fs = std::filesystem;
namespace {

// "v2" < "v10": runs of digits compare by value, everything else by character.
bool natural_less(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i])) &&
            std::isdigit(static_cast<unsigned char>(b[j]))) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie])))
                ++ie;
            while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je])))
                ++je;
            const std::string da = a.substr(i, ie - i), db = b.substr(j, je - j);
            const std::size_t za = da.find_first_not_of('0'), zb = db.find_first_not_of('0');
            const std::string na = za == std::string::npos ? "" : da.substr(za);
            const std::string nb = zb == std::string::npos ? "" : db.substr(zb);
            if (na.size() != nb.size())
                return na.size() < nb.size();
            if (na != nb)
                return na < nb;
            i = ie;
            j = je;
            continue;
        }
        const int ca = std::tolower(static_cast<unsigned char>(a[i]));
        const int cb = std::tolower(static_cast<unsigned char>(b[j]));
        if (ca != cb)
            return ca < cb;
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

bool hidden(const fs::path& relative) {
    for (const auto& part : relative)
        if (part.string().starts_with("."))
            return true;
    return false;
}

ExperimentFile read_entry(const fs::path& root, const fs::path& file) {
    ExperimentFile e;
    e.file = file;
    const fs::path folder = fs::relative(file.parent_path(), root);
    e.group = folder == "." ? "" : folder.generic_string();
    e.name = file.stem().string();
    std::ifstream in(file);
    if (!in) {
        e.error = "cannot be read";
        return e;
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
        const auto j = nlohmann::json::parse(text.str());
        if (!j.is_object()) {
            e.error =
                std::string("is not an experiment: a spec is a JSON object, this file holds ") +
                j.type_name();
            return e;
        }
        if (const auto n = j.find("name"); n != j.end() && n->is_string() && !n->empty())
            e.name = n->get<std::string>();
        if (const auto d = j.find("description"); d != j.end() && d->is_string())
            e.description = d->get<std::string>();
    } catch (const nlohmann::json::parse_error& err) {
        e.error = std::string("is not valid JSON: ") + err.what();
    }
    return e;
}

} // namespace

std::vector<ExperimentFile> list_experiments(const fs::path& root) {
    std::vector<ExperimentFile> out;
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        return out;
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path relative = fs::relative(it->path(), root, ec);
        if (hidden(relative)) {
            if (it->is_directory())
                it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && it->path().extension() == ".json")
            out.push_back(read_entry(root, it->path()));
    }
    std::sort(out.begin(), out.end(), [](const ExperimentFile& a, const ExperimentFile& b) {
        if (a.group != b.group)
            return natural_less(a.group, b.group);
        return natural_less(a.file.filename().string(), b.file.filename().string());
    });
    return out;
}

std::string experiment_file_stem(const std::string& name) {
    std::string stem;
    for (char c : name) {
        const bool keep =
            std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
        if (keep)
            stem += c;
        else if (!stem.empty() && stem.back() != '-')
            stem += '-';
    }
    while (!stem.empty() && (stem.back() == '-' || stem.back() == '.'))
        stem.pop_back();
    while (!stem.empty() && stem.front() == '.')
        stem.erase(stem.begin()); // a leading dot would hide the file from the library
    return stem.empty() ? "experiment" : stem;
}

fs::path save_experiment(const fs::path& folder, const std::string& stem,
                         const nlohmann::json& spec) {
    const fs::path path = folder / (stem + ".json");
    write_file_atomically(path, spec.dump(2) + "\n");
    return path;
}

} // namespace ktw
