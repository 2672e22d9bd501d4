#include "shared/ui/sound.hpp"

#include <SDL.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hourglass::ui {

namespace {

// Adds a tone to `out` from `start_s` for `length_s`: a fundamental plus a
// quieter octave (a softer, bell-like timbre than a pure sine), with a short
// attack and an exponential decay so notes neither click nor drone.
void add_tone(std::vector<float>& out, int sample_rate, double start_s, double length_s, double frequency,
              double amplitude, double decay_per_s) {
  const auto first = static_cast<std::size_t>(start_s * sample_rate);
  const auto count = static_cast<std::size_t>(length_s * sample_rate);
  if (out.size() < first + count) out.resize(first + count, 0.0f);
  const double attack_s = 0.006;
  const double release_s = 0.02;
  for (std::size_t i = 0; i < count; ++i) {
    const double t = static_cast<double>(i) / sample_rate;
    double envelope = std::exp(-decay_per_s * t);
    envelope *= std::min(1.0, t / attack_s);
    envelope *= std::min(1.0, (length_s - t) / release_s);
    const double phase = 2.0 * std::numbers::pi * frequency * t;
    const double value = std::sin(phase) + 0.3 * std::sin(2.0 * phase);
    out[first + i] += static_cast<float>(amplitude * envelope * value);
  }
}

void clamp_samples(std::vector<float>& samples) {
  for (float& s : samples) s = std::clamp(s, -1.0f, 1.0f);
}

// Above this much queued audio, new sounds replace the queue: a burst of
// tickets should not turn into half a minute of chimes.
constexpr double max_queued_seconds = 1.5;

}  // namespace

std::vector<float> make_chime(int sample_rate) {
  std::vector<float> samples;
  // E5 then A5, a rising fourth: noticed, not alarming.
  add_tone(samples, sample_rate, 0.0, 0.35, 659.25, 0.28, 6.0);
  add_tone(samples, sample_rate, 0.16, 0.6, 880.0, 0.28, 4.5);
  clamp_samples(samples);
  return samples;
}

std::vector<float> make_alarm(int sample_rate) {
  std::vector<float> samples;
  // Three falling B5-F#5 pairs, loud and barely decaying: a breach.
  for (int i = 0; i < 3; ++i) {
    const double start = i * 0.36;
    add_tone(samples, sample_rate, start, 0.16, 987.77, 0.45, 1.0);
    add_tone(samples, sample_rate, start + 0.17, 0.16, 739.99, 0.45, 1.0);
  }
  clamp_samples(samples);
  return samples;
}

Sound::Sound() {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    spdlog::debug("sound off: no audio subsystem ({})", SDL_GetError());
    return;
  }
  audio_subsystem_ = true;
  SDL_AudioSpec wanted{};
  wanted.freq = sample_rate_;
  wanted.format = AUDIO_F32SYS;
  wanted.channels = 1;
  wanted.samples = 1024;
  wanted.callback = nullptr;  // queued audio: no callback thread of our own
  SDL_AudioSpec obtained{};
  device_ = SDL_OpenAudioDevice(nullptr, 0, &wanted, &obtained, SDL_AUDIO_ALLOW_FREQUENCY_CHANGE);
  if (device_ == 0) {
    spdlog::debug("sound off: no audio device ({})", SDL_GetError());
    return;
  }
  sample_rate_ = obtained.freq;
  SDL_PauseAudioDevice(device_, 0);
}

Sound::~Sound() {
  if (device_ != 0) SDL_CloseAudioDevice(device_);
  if (audio_subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void Sound::chime() { play(make_chime(sample_rate_)); }

void Sound::alarm() { play(make_alarm(sample_rate_)); }

void Sound::play(const std::vector<float>& samples) {
  if (muted_ || device_ == 0 || samples.empty()) return;
  const auto queued_bytes = SDL_GetQueuedAudioSize(device_);
  if (static_cast<double>(queued_bytes) / sizeof(float) / sample_rate_ > max_queued_seconds) {
    SDL_ClearQueuedAudio(device_);
  }
  const auto bytes = static_cast<Uint32>(samples.size() * sizeof(float));
  if (SDL_QueueAudio(device_, samples.data(), bytes) != 0) {
    spdlog::warn("sound: cannot queue audio: {}", SDL_GetError());
  }
}

}  // namespace hourglass::ui
