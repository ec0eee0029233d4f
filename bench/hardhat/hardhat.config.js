// Hardhat network for scripts/compare-hardhat.sh: default dev accounts (test mnemonic), chain id 31337.
// The block gas limit is raised so one mined block holds the 10,000-transfer batch (210M gas).
module.exports = {
  networks: {
    hardhat: {
      chainId: 31337,
      blockGasLimit: 1_000_000_000,
      mining: { mempool: { order: "fifo" } },
    },
  },
};
