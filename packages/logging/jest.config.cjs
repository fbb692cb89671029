module.exports = require('@lena/jest-preset').createJestConfig(__dirname);
