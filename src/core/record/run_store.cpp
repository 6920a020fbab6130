#include "core/record/run_store.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace ktw {
namespace fs = std::filesystem;

namespace {

std::runtime_error os_error(const std::string& what, const fs::path& path) {
    return std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno));
}

void fsync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

void write_file_atomically(const fs::path& path, const std::string& text) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw std::runtime_error("cannot create folder " + dir.string() + ": " + ec.message());
    const fs::path tmp =
        dir / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw os_error("cannot write", tmp);
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            auto err = os_error("cannot write", tmp);
            ::close(fd);
            ::unlink(tmp.c_str());
            throw err;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        auto err = os_error("cannot flush", tmp);
        ::unlink(tmp.c_str());
        throw err;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        auto err = os_error("cannot rename into place", path);
        ::unlink(tmp.c_str());
        throw err;
    }
    fsync_directory(dir);
}

RunStore::RunStore(fs::path workspace) : workspace_(std::move(workspace)) {}

fs::path RunStore::path_of(const std::string& run_id) const {
    return runs_dir() / (run_id + ".json");
}

fs::path RunStore::save(const RunRecord& record) const {
    const fs::path path = path_of(record.id);
    write_file_atomically(path, run_record_to_json(record).dump(1) + "\n");
    return path;
}

RunRecord RunStore::load_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error(file.string() + ": cannot open: " + std::strerror(errno));
    std::stringstream buffer;
    buffer << in.rdbuf();
    const auto j = nlohmann::json::parse(buffer.str(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded())
        throw std::runtime_error(file.string() + ": not valid JSON (truncated or corrupt file)");
    try {
        return run_record_from_json(j);
    } catch (const std::exception& e) {
        throw std::runtime_error(file.string() + ": " + e.what());
    }
}

RunListing RunStore::load_all() const {
    RunListing listing;
    std::error_code ec;
    if (!fs::is_directory(runs_dir(), ec))
        return listing;
    for (const auto& entry : fs::directory_iterator(runs_dir(), ec)) {
        const auto& path = entry.path();
        if (path.extension() != ".json" || path.filename().string().starts_with("."))
            continue;
        try {
            listing.runs.push_back(load_file(path));
        } catch (const std::exception& e) {
            listing.errors.push_back({path, e.what()});
        }
    }
    if (ec)
        listing.errors.push_back({runs_dir(), "cannot list: " + ec.message()});
    std::sort(listing.runs.begin(), listing.runs.end(), [](const RunRecord& a, const RunRecord& b) {
        return std::tie(a.environment.started_at, a.id) < std::tie(b.environment.started_at, b.id);
    });
    return listing;
}

RunRecord RunStore::load(const std::string& reference) const {
    std::error_code ec;
    if (fs::is_regular_file(reference, ec))
        return load_file(reference);
    if (fs::is_regular_file(path_of(reference), ec))
        return load_file(path_of(reference));
    std::vector<fs::path> matches;
    if (fs::is_directory(runs_dir(), ec))
        for (const auto& entry : fs::directory_iterator(runs_dir(), ec))
            if (entry.path().extension() == ".json" &&
                entry.path().filename().string().starts_with(reference))
                matches.push_back(entry.path());
    if (matches.size() == 1)
        return load_file(matches.front());
    if (matches.empty())
        throw std::runtime_error("no run \"" + reference + "\": not a file, and no run id in " +
                                 runs_dir().string() + " starts with it");
    std::string names;
    for (const auto& m : matches)
        names += "\n  " + m.stem().string();
    throw std::runtime_error("\"" + reference + "\" matches " + std::to_string(matches.size()) +
                             " runs; give more of the id:" + names);
}

std::filesystem::path default_workspace() {
    if (const char* env = std::getenv("KTW_WORKSPACE"); env && *env)
        return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "kafka-tuning-workbench";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local/share/kafka-tuning-workbench";
    return "ktw-workspace";
}

} // namespace ktw
