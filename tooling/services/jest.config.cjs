module.exports = require('@lena/jest-preset').createJestConfig(__dirname, { testTimeout: 60000 });
