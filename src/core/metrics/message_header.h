#pragma once
// The 32-byte header at the start of every payload the workbench produces: it lets the
// consumer side check completeness and order and measure end-to-end latency.

#include <cstdint>
#include <cstring>
#include <optional>

namespace ktw {

struct MessageHeader {
    static constexpr uint32_t kMagic = 0x3157544B; // "KTW1" in little-endian byte order
    static constexpr std::size_t kSize = 32;
    static constexpr uint32_t kNoKey = UINT32_MAX;

    uint32_t run_tag = 0;     ///< random per run: messages of other runs are ignored
    uint32_t producer_id = 0; ///< producer thread index
    uint32_t key_index = kNoKey;
    uint64_t sequence = 0; ///< per producer, from 0
    int64_t send_ns = 0;   ///< steady clock: intended send time (target rate) or produce() call

    void write_to(void* buffer) const {
        auto* p = static_cast<unsigned char*>(buffer);
        const uint32_t magic = kMagic;
        std::memcpy(p, &magic, 4);
        std::memcpy(p + 4, &run_tag, 4);
        std::memcpy(p + 8, &producer_id, 4);
        std::memcpy(p + 12, &key_index, 4);
        std::memcpy(p + 16, &sequence, 8);
        std::memcpy(p + 24, &send_ns, 8);
    }

    /// Reads a header; nothing if the payload is too short or is not ours.
    static std::optional<MessageHeader> read_from(const void* buffer, std::size_t len) {
        if (!buffer || len < kSize)
            return std::nullopt;
        const auto* p = static_cast<const unsigned char*>(buffer);
        uint32_t magic;
        std::memcpy(&magic, p, 4);
        if (magic != kMagic)
            return std::nullopt;
        MessageHeader h;
        std::memcpy(&h.run_tag, p + 4, 4);
        std::memcpy(&h.producer_id, p + 8, 4);
        std::memcpy(&h.key_index, p + 12, 4);
        std::memcpy(&h.sequence, p + 16, 8);
        std::memcpy(&h.send_ns, p + 24, 8);
        return h;
    }
};

} // namespace ktw
