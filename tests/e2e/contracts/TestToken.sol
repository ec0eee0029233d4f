// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// An OpenZeppelin ERC-20 minted to the deployer, plus calls that revert in the two ABI shapes
/// clients decode: Error(string) and a custom error.
contract TestToken is ERC20 {
    error Unlucky(uint256 value);

    constructor(uint256 supply) ERC20("Tachyon Test", "TTT") {
        _mint(msg.sender, supply);
    }

    function failWithReason() external pure {
        revert("TestToken: always fails");
    }

    function failWithCustom(uint256 value) external pure {
        revert Unlucky(value);
    }
}
