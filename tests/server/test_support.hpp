#pragma once
// The server tests' helpers are the shared test kit's (tests/kit): this
// header stays so the server's test files include what they always did.
#include "tests/kit/test_kit.hpp"
#include "tests/server/stepped_wall_clock.hpp"
