#pragma once
// The test kit, all of it: the real kitchen server as a child process
// (ServerProcess), temporary folders, the standard test config and the sample
// menu, a line client, and eventually(). Every suite that runs real
// programs uses it (tests/kit/CMakeLists.txt says which library is which).

#include "tests/kit/child_process.hpp"
#include "tests/kit/eventually.hpp"
#include "tests/kit/kitchen_config.hpp"
#include "tests/kit/kitchen_process.hpp"
#include "tests/kit/line_client.hpp"
#include "tests/kit/postgres_server.hpp"
#include "tests/kit/server_process.hpp"
#include "tests/kit/spreadsheet_reader.hpp"
#include "tests/kit/temp_dir.hpp"
#include "tests/kit/test_kitchen.hpp"
