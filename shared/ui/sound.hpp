#pragma once
// Kitchen display sounds, generated as tones through SDL audio (no asset
// files). With no audio device (headless, CI, a muted screen) every call is a
// harmless no-op, logged once at debug level.

#include <cstdint>
#include <vector>

namespace hourglass::ui {

class Sound {
 public:
  // Opens the default output device; never throws for a missing device.
  Sound();
  ~Sound();
  Sound(const Sound&) = delete;
  Sound& operator=(const Sound&) = delete;

  // Two rising notes: a new ticket arrived.
  void chime();
  // Urgent repeated two-tone: a promise was breached.
  void alarm();

  void set_muted(bool muted) { muted_ = muted; }
  bool muted() const { return muted_; }
  bool available() const { return device_ != 0; }

 private:
  void play(const std::vector<float>& samples);

  std::uint32_t device_ = 0;
  int sample_rate_ = 48000;
  bool audio_subsystem_ = false;
  bool muted_ = false;
};

// The tones as mono float samples in [-1, 1]; pure, for tests.
std::vector<float> make_chime(int sample_rate);
std::vector<float> make_alarm(int sample_rate);

}  // namespace hourglass::ui
